"""Fuzzing the API from its own schema (schemathesis), once per role, with that role's bearer token.

Every operation of /api/openapi.json gets generated requests, valid and invalid; every answer must be
no server error, a documented status code, and a body that matches the documented schema. The run is
bounded (few examples per operation, derandomized: the same cases every run) to stay within about
three minutes on two cores. Figures: BENCHMARKS.md, "Fuzzing the API". Rerun:

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m pytest tests/api/test_fuzzing.py -m fuzz
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from alliances.accounts.services import api_token_create

from ..conftest import World

pytestmark = pytest.mark.fuzz

#: Examples per operation, role and generation mode (valid, invalid).
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "15"))
#: One actor of the matrix's world for each role.
ROLES = {
    "person": "person_self",
    "peer": "peer_ally",
    "referent": "referent_of",
    "mediator": "mediator_shared",
    "partner": "partner_ally",
    "manager": "manager",
    "officer": "officer",
    "admin": "admin",
}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@dataclass
class Figures:
    cases: int = 0
    server_errors: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    turns: dict[str, int] = field(default_factory=dict)


FIGURES = Figures()


@pytest.fixture
def api_schema(world: World) -> Iterator[Any]:
    # As Django's test client does: the test's transaction is the connection's, not closed between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


def _known_ids(world: World) -> dict[str, int]:
    return {
        "person_id": world.person.pk,
        "household_id": world.household.pk,
        "worker_id": world.user("referent_of").pk,
    }


@pytest.fixture
def bearers(world: World) -> dict[str, dict[str, str]]:
    """A bearer token for each role."""
    headers = {}
    for role, actor in ROLES.items():
        _, token = api_token_create(user=world.user(actor), name="fuzzing")
        headers[role] = {"Authorization": f"Bearer {token}"}
    return headers


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_fuzzing(case: Any, bearers: dict[str, dict[str, str]], world: World) -> None:
    """Each generated request is sent as the next role in turn: every role meets every operation."""
    # Half of the generated ids point at the world's own objects, so that handlers run past their 404.
    known = _known_ids(world)
    for name, value in list((case.path_parameters or {}).items()):
        if name in known and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = known[name]
    turn = FIGURES.turns.get(case.operation.label, 0)
    FIGURES.turns[case.operation.label] = turn + 1
    headers = list(bearers.values())[turn % len(bearers)]
    response = case.call(headers=headers)
    FIGURES.cases += 1
    FIGURES.by_status[response.status_code] = FIGURES.by_status.get(response.status_code, 0) + 1
    if response.status_code >= 500:
        FIGURES.server_errors += 1
    case.validate_response(response, checks=CHECKS, headers=headers)
