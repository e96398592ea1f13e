"""Issue 20: on a 375 px phone, data tables showed only their first column. Every table of her pages now
fits the screen (a wide one scrolls inside its own box), no page scrolls sideways, and chart labels read."""

from typing import Any

from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from alliances.assessments.services import reading_record

from ..conftest import World
from ..factories import PASSWORD
from .a11y import login

PAGES = [
    "/mon-espace/liens/",
    "/mon-espace/foyer/",
    "/mon-espace/journal/",
    "/mon-espace/demarches/",
    "/mon-espace/cercle/",
]


def test_her_tables_read_on_a_phone(
    browser: Browser,
    browser_context_args: dict[str, Any],
    live_server: LiveServer,
    transactional_db: None,
    world: World,
) -> None:
    me = world.user("person_self")
    values = {"family_crisis_call": 3, "friends_count_on": 1, "activity": 0, "papers_valid": 4}
    reading_record(actor=me, person=world.person, instrument_code="social_bonds", values=values)
    reading_record(actor=world.user("referent_of"), person=world.person, instrument_code="social_bonds", values=values)
    for level in (3, 5):
        reading_record(actor=me, person=world.person, instrument_code="participation_ladder", values={"level": level})
    words = {"suffering": "Je dors mal depuis que nous avons dû quitter notre logement, et les enfants aussi."}
    reading_record(actor=me, person=world.person, instrument_code="hidden_dimensions", values={}, words=words)
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 375, "height": 800}})
    page = context.new_page()
    login(page, live_server.url, me.email, PASSWORD)
    try:
        for path in PAGES:
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("load")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, path
            narrow = page.evaluate(
                """() => [...document.querySelectorAll('.fr-table table')]
                    .filter(t => t.rows.length && t.rows[0].cells.length <= 4)
                    .map(t => [t.scrollWidth, t.closest('.fr-table').clientWidth])"""
            )
            # Before: 1,057 px of table in a 343 px box. A few pixels of borders are not a column lost.
            assert all(width <= box + 8 for width, box in narrow), (path, narrow)
            # Chart labels: 8 px before; each reads at 10 px or more, and none runs off its drawing.
            labels = page.evaluate(
                """() => [...document.querySelectorAll(
                        'svg.alliances-radar text, svg.alliances-line text, svg.alliances-circle text')]
                    .filter(t => getComputedStyle(t).display !== 'none')
                    .map(t => { const r = t.getBoundingClientRect(), s = t.closest('svg').getBoundingClientRect();
                                return [t.textContent, parseFloat(getComputedStyle(t).fontSize) * s.width
                                        / t.closest('svg').viewBox.baseVal.width, r.left >= s.left - 1
                                        && r.right <= s.right + 1]; })"""
            )
            assert all(size >= 10 and inside for _, size, inside in labels), (path, labels)
            if "cercle" in path:  # the circle's names give way to initials on a phone: some are drawn
                assert labels, path
    finally:
        context.close()
