"""axe-core on every page of the access matrix, as one allowed actor sees it, plus the open pages."""

import pytest
from playwright.sync_api import Page

from ..conftest import World
from ..factories import PASSWORD
from ..routes import ROUTES
from .a11y import assert_accessible, login

# One actor per page is enough for markup; pick the richest view.
PREFERRED = ["referent_of", "person_self", "instructor", "manager", "peer_ally", "mediator_shared"]


def _pages(world: World) -> dict[str, list[str]]:
    by_actor: dict[str, list[str]] = {}
    for route in ROUTES:
        if route.method != "get" or route.api or not route.page:
            continue
        actor = next(name for name in PREFERRED + sorted(route.allowed) if name in route.allowed)
        by_actor.setdefault(actor, []).append(route.url(world))
    return by_actor


def test_every_page_passes_axe(page: Page, live_server, transactional_db: None, world: World) -> None:  # type: ignore[no-untyped-def]
    for url in (
        "/compte/connexion/",
        "/compte/mot-de-passe/",
        "/compte/mot-de-passe/envoye/",
        "/compte/mot-de-passe/x/y/",
        "/page-qui-n-existe-pas/",
    ):
        page.goto(live_server.url + url)
        assert_accessible(page)
    for actor_name, urls in _pages(world).items():
        page.context.clear_cookies()
        actor = world.actor(actor_name)
        assert actor is not None
        login(page, live_server.url, actor.email, PASSWORD)  # type: ignore[arg-type]
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, url
            assert_accessible(page)


@pytest.mark.parametrize("width", [375])
def test_portal_on_a_phone(page: Page, live_server, transactional_db: None, world: World, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server.url, "camille@alliances.test", PASSWORD)
    assert_accessible(page)
    page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("link", name="Qui a consulté mon dossier").first.is_visible()
