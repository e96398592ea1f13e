"""Issue 19: logs are one JSON object per line with the request id, and hold nothing personal."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from alliances.audit.context import RequestIdLogFilter
from alliances.core.json_logs import JsonFormatter


def test_a_line_is_one_json_object_with_its_request_id() -> None:
    record = logging.LogRecord("alliances.income", logging.ERROR, __file__, 1, "cycle %s: %d chunks", (7, 3), None)
    record.request_id = "abc123def456"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "cycle 7: 3 chunks" and line["request_id"] == "abc123def456"
    assert line["level"] == "ERROR" and line["logger"] == "alliances.income" and line["time"].endswith("+00:00")
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert "ValueError" in json.loads(JsonFormatter().format(record))["exception"]


def test_the_logs_of_a_round_of_pages_hold_no_name_email_or_phone(world, caplog) -> None:  # type: ignore[no-untyped-def]
    person = world.person
    words = [person.last_name, person.first_name, world.user("person_self").email]
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.request")
    loggers = [logging.getLogger(), logging.getLogger("django.request")]
    handler = logging.StreamHandler()
    lines: list[str] = []
    handler.emit = lambda record: lines.append(JsonFormatter().format(record))  # type: ignore[method-assign]
    handler.addFilter(RequestIdLogFilter())
    for logger in loggers:
        logger.addHandler(handler)
    try:
        referent = Client()
        referent.force_login(world.user("referent_of"))
        referent.get(reverse("caseload") + f"?q={person.last_name}")
        referent.get(reverse("person_identity", args=[person.pk]))
        referent.get(f"/personnes/{person.pk}/introuvable/")  # a 404, logged by django.request
        own = Client()
        own.force_login(world.user("person_self"))
        own.get(reverse("portal:home"))
        own.post(reverse("portal:contact"), {"email": "pas-une-adresse"})
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    assert lines, "the round logged nothing: the check would prove nothing"
    assert all(json.loads(line)["request_id"] != "-" for line in lines if '"django.request"' in line)
    leaks = [line for line in lines for word in words if word and word.lower() in line.lower()]
    assert not leaks


@pytest.mark.parametrize("value", ["xml", ""])
def test_an_unknown_log_format_stops_the_start(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import config.settings.base as base

    monkeypatch.setenv("LOG_FORMAT", value)
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        importlib.reload(base)
    monkeypatch.delenv("LOG_FORMAT")
    importlib.reload(base)
