"""Daily use of a city's CCAS, for locust (run by `bench/load_city.py`, which prepares the accounts).

Twenty users at once by default: referents on their caseload, a person's file and its tabs, their agenda;
persons on their own space; officers on the cycle pages; a partner system on the API. Each user has its
own account (staff log in with their second factor, as in production). Every user also calls the bare
view (`/sante/vivant/`) now and then: the pages' times are compared with it, on the same server, under
the same load.

Runs in its own environment (`.venv-load`, locust and its gevent stay out of the application's).
"""

import hashlib
import hmac
import json
import os
import random
import re
import struct
import time
from http.cookiejar import DefaultCookiePolicy
from typing import Any

from locust import HttpUser, between, task

with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as _file:
    ACCOUNTS: dict[str, list[dict[str, Any]]] = json.load(_file)

_PERSON_LINK = re.compile(r'href="/personnes/(\d+)/"')
_CYCLE_LINK = re.compile(r'href="/revenu-garanti/cycles/(\d+)/"')
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TABS = ["cercle", "liens", "projet", "journal", "rendez-vous", "droits", "demarches", "revenu", "foyer"]
SPACE = ["", "revenu/", "rendez-vous/", "echanges/", "liens/", "cercle/", "droits/"]


# Production marks its cookies Secure; the benchmark talks plain HTTP on the loopback, so this client sends
# them back anyway (requests builds a new cookie jar for each request: the policy is changed for all).
DefaultCookiePolicy.return_ok_secure = lambda self, cookie, request: True  # type: ignore[method-assign]


def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238, as django-otp checks it: 30-second steps, 6 digits, HMAC-SHA1."""
    counter = int((at if at is not None else time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class _Browser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self) -> None:
        self.account = ACCOUNTS[self.role].pop()
        self._post_form("/compte/connexion/", {"username": self.account["login"], "password": self.account["password"]})
        if self.account.get("totp"):
            self._post_form("/compte/second-facteur/", {"otp_token": totp(self.account["totp"])})

    def _post_form(self, path: str, data: dict[str, str]) -> None:
        page = self.client.get(path, name="login")
        token = _CSRF.search(page.text)
        fields = {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}
        with self.client.post(path, data=fields, name="login", catch_response=True) as response:
            if response.status_code != 200 or ("connexion" in response.url and "second-facteur" not in response.url):
                response.failure(f"login refused at {path}: {response.status_code} {response.url}")

    @task(1)
    def bare(self) -> None:
        self.client.get("/sante/vivant/", name="bare view")


class Referent(_Browser):
    fixed_count = 11
    role = "referent"
    persons: list[str] = []

    @task(4)
    def caseload(self) -> None:
        page = self.client.get("/personnes/", name="caseload")
        self.persons = _PERSON_LINK.findall(page.text) or self.persons

    @task(6)
    def person_file(self) -> None:
        if not self.persons:
            return self.caseload()
        pk = random.choice(self.persons)
        self.client.get(f"/personnes/{pk}/", name="file: home")
        for tab in random.sample(TABS, k=3):
            self.client.get(f"/personnes/{pk}/{tab}/", name=f"file: {tab}")
        return None

    @task(2)
    def agenda(self) -> None:
        self.client.get("/agenda/", name="agenda")


class Person(_Browser):
    fixed_count = 5
    role = "person"

    @task(6)
    def space(self) -> None:
        self.client.get("/mon-espace/", name="space: home")
        page = random.choice(SPACE[1:])
        self.client.get(f"/mon-espace/{page}", name=f"space: {page.rstrip('/')}")


class Officer(_Browser):
    fixed_count = 2
    role = "officer"
    cycles: list[str] = []

    @task(2)
    def cycle_list(self) -> None:
        page = self.client.get("/revenu-garanti/cycles/", name="cycles")
        self.cycles = _CYCLE_LINK.findall(page.text) or self.cycles

    @task(4)
    def cycle(self) -> None:
        if not self.cycles:
            return self.cycle_list()
        pk = random.choice(self.cycles[:6])  # the recent months, as an officer reads them
        self.client.get(f"/revenu-garanti/cycles/{pk}/", name="cycle")
        self.client.get(f"/revenu-garanti/cycles/{pk}/droits/", name="cycle: entitlements")
        return None


class Api(HttpUser):
    """A partner system with a token (an API client has no second factor: its token is the credential)."""

    fixed_count = 2
    wait_time = between(1, 3)
    persons: list[int] = []

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Bearer {ACCOUNTS['api'][0]['token']}"

    @task(2)
    def persons_list(self) -> None:
        response = self.client.get("/api/persons", name="api: persons")
        if response.ok:
            self.persons = [row["id"] for row in response.json()][:200] or self.persons

    @task(4)
    def person(self) -> None:
        if not self.persons:
            return self.persons_list()
        pk = random.choice(self.persons)
        self.client.get(f"/api/persons/{pk}", name="api: person")
        self.client.get(f"/api/persons/{pk}/interactions", name="api: interactions")
        return None

    @task(1)
    def bare(self) -> None:
        self.client.get("/sante/vivant/", name="bare view")
