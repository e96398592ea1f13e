"""No page repeats an id: a repeated id breaks the labels of its fields for screen readers (issue 20:
id_note on the circle page, id_text on the goal page)."""

import re
from collections import Counter

import pytest
from django.test import Client

from ..conftest import World
from ..routes import ROUTES, Route

PAGES = [
    (route, actor)
    for route in ROUTES
    if route.method == "get" and route.page and not route.api and route.allowed
    # The person and a worker see different forms on the same page: the first and the last allowed.
    for actor in sorted({min(route.allowed), max(route.allowed)})
]


@pytest.mark.parametrize(("route", "actor"), PAGES, ids=[f"{route.name}-{actor}" for route, actor in PAGES])
def test_no_page_repeats_an_id(route: Route, actor: str, world: World, client: Client) -> None:
    client.force_login(world.user(actor))
    response = client.get(route.url(world))
    if response.status_code != 200:
        return
    ids = Counter(re.findall(r'\sid="([^"]+)"', response.content.decode()))
    repeated = sorted(name for name, count in ids.items() if count > 1)
    assert not repeated, f"{route.name} as {actor}: {repeated}"
