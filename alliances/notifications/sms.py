"""SMS sending behind a pluggable backend, like Django's email backends.

`SMS_BACKEND` names the class: the console backend by default (prints the message, for development);
`alliances.notifications.sms.HttpSmsBackend` posts to a provider configured by the environment
(`SMS_API_URL`, `SMS_API_TOKEN`, `SMS_SENDER`).
"""

import json
import sys
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsBackend(Protocol):
    def send(self, *, to: str, body: str) -> bool: ...


class ConsoleSmsBackend:
    def send(self, *, to: str, body: str) -> bool:
        sys.stdout.write(f"SMS to {to}:\n{body}\n{'-' * 40}\n")
        sys.stdout.flush()
        return True


class LocmemSmsBackend:
    """Keeps messages in memory, for tests (like Django's locmem email backend)."""

    outbox: list[dict[str, str]] = []

    def send(self, *, to: str, body: str) -> bool:
        LocmemSmsBackend.outbox.append({"to": to, "body": body})
        return True


class HttpSmsBackend:
    """A generic JSON-over-HTTPS provider: POST {"to", "from", "text"} with a bearer token."""

    def send(self, *, to: str, body: str) -> bool:
        url = settings.SMS_API_URL
        if not url.startswith("https://"):
            raise ValueError("SMS_API_URL must be an https:// address")
        payload = json.dumps({"to": to, "from": settings.SMS_SENDER, "text": body}).encode()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            url,
            data=payload,
            headers={"Authorization": f"Bearer {settings.SMS_API_TOKEN}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return 200 <= response.status < 300


def sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend


def send_sms(*, to: str, body: str) -> bool:
    return sms_backend().send(to=to, body=body)
