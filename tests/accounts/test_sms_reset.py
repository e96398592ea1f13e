"""A person who logs in with her phone resets her password with a code by SMS: throttled, short-lived,
five tries, and never telling whether a number has an account."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from alliances.accounts.sms_reset import SMS_CODE_TRIES, sms_code_send, sms_code_use
from alliances.notifications.sms import LocmemSmsBackend

from ..conftest import World


@pytest.fixture(autouse=True)
def _clean() -> None:
    cache.clear()
    LocmemSmsBackend.outbox.clear()


def _code() -> str:
    match = re.search(r"\b(\d{6})\b", LocmemSmsBackend.outbox[-1]["body"])
    assert match is not None
    return match.group(1)


def test_the_code_changes_her_password_once(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone="06 00 00 00 01")
    assert LocmemSmsBackend.outbox[-1]["to"] == "+33600000001"
    code = _code()
    user = sms_code_use(phone="+33600000001", code=code, password="Une-phrase-nouvelle-2026")
    assert user == world.user("person_self") and user.check_password("Une-phrase-nouvelle-2026")
    with pytest.raises(ValidationError):  # used
        sms_code_use(phone="+33600000001", code=code, password="Encore-une-autre-2026")


def test_a_weak_password_keeps_the_old_one_and_the_code(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone="06 00 00 00 01")
    with pytest.raises(ValidationError) as error:
        sms_code_use(phone="0600000001", code=_code(), password="1234")
    assert "new_password1" in error.value.message_dict
    user = world.user("person_self")
    user.refresh_from_db()
    assert not user.check_password("1234")
    sms_code_use(phone="0600000001", code=_code(), password="Une-phrase-nouvelle-2026")


def test_five_wrong_codes_and_it_is_gone(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone="06 00 00 00 01")
    code = _code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(SMS_CODE_TRIES):
        with pytest.raises(ValidationError):
            sms_code_use(phone="0600000001", code=wrong, password="Une-phrase-nouvelle-2026")
    with pytest.raises(ValidationError):
        sms_code_use(phone="0600000001", code=code, password="Une-phrase-nouvelle-2026")


def test_an_unknown_number_gets_no_sms_and_the_same_answer(world: World) -> None:
    client = Client()
    known = client.post(reverse("password_reset_sms"), {"phone": "06 00 00 00 01"})
    unknown = Client().post(reverse("password_reset_sms"), {"phone": "06 99 99 99 99"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_sms_code")
    assert [m["to"] for m in LocmemSmsBackend.outbox] in ([], ["+33600000001"])  # on commit: none to the unknown
    assert all(m["to"] != "+33699999999" for m in LocmemSmsBackend.outbox)


def test_requests_are_throttled_and_bad_input_is_told(world: World) -> None:
    client = Client()
    bad = client.post(reverse("password_reset_sms"), {"phone": "12"})
    assert bad.status_code == 400 and "pas valide. Exemple : 06 12 34 56 78" in bad.content.decode()
    statuses = [client.post(reverse("password_reset_sms"), {"phone": "0600000001"}).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_the_pages_take_her_to_login(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.get(reverse("password_reset_sms_code"))["Location"] == reverse("password_reset_sms")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset_sms"), {"phone": "06 00 00 00 01"})
    url = reverse("password_reset_sms_code")
    mismatch = client.post(url, {"code": _code(), "new_password1": "Une-phrase-2026", "new_password2": "Autre-2026"})
    assert mismatch.status_code == 400 and "pas les mêmes" in mismatch.content.decode()
    done = client.post(
        url, {"code": _code(), "new_password1": "Une-phrase-nouvelle-2026", "new_password2": "Une-phrase-nouvelle-2026"}
    )
    assert done["Location"] == reverse("login")
    user = world.user("person_self")
    user.refresh_from_db()
    assert user.check_password("Une-phrase-nouvelle-2026")
