"""axe-core on every page of the access matrix, as one allowed actor sees it, plus the open pages."""

import pytest
from playwright.sync_api import Page

from ..conftest import World
from ..factories import PASSWORD
from ..routes import ROUTES
from .a11y import assert_accessible, login

# One actor per page is enough for markup; pick the richest view.
PREFERRED = ["referent_of", "person_self", "officer", "manager", "peer_ally", "mediator_shared"]


def _pages(world: World) -> dict[str, list[str]]:
    by_actor: dict[str, list[str]] = {}
    for route in ROUTES:
        if route.method != "get" or route.api or not route.page:
            continue
        actor = next(name for name in PREFERRED + sorted(route.allowed) if name in route.allowed)
        by_actor.setdefault(actor, []).append(route.url(world))
    return by_actor


def _fill_the_alliance(world: World) -> None:
    """Pages with content, not only empty states: readings, charts, goals, journal, private notes."""
    from datetime import timedelta

    from alliances.assessments.services import reading_record
    from alliances.circles.models import Ally
    from alliances.circles.services import ally_links_set, interaction_record, private_note_add
    from alliances.core.validation import today
    from alliances.goals.services import delegation_create, goal_action_add, goal_create

    me, referent = world.user("person_self"), world.user("referent_of")
    mediator = Ally.objects.get(person=world.person, user=world.user("mediator_shared"))
    ally_links_set(actor=me, ally=mediator, link_types=["capacitation", "facilitation"])
    for days, level in ((90, 4), (30, 6), (0, 8)):
        on = today() - timedelta(days=days)
        for actor, offset in ((me, 0), (referent, -1)):
            reading_record(
                actor=actor,
                person=world.person,
                instrument_code="social_bonds",
                values={"activity": max(level // 2 + offset, 0), "family_crisis_call": 3, "papers_valid": 1},
                taken_on=on,
            )
            reading_record(
                actor=actor,
                person=world.person,
                instrument_code="participation_ladder",
                values={"level": level + offset},
                taken_on=on,
            )
    reading_record(
        actor=me,
        person=world.person,
        instrument_code="hidden_dimensions",
        values={"income": 3},
        words={"income": "Le 15 du mois, il ne reste rien."},
    )
    goal = goal_create(actor=me, person=world.person, text="Retrouver un travail en cuisine", bond="work")
    goal_action_add(
        actor=me,
        goal=goal,
        text="Visiter le chantier d'insertion",
        doer="together",
        ally=mediator,
        link_type="capacitation",
    )
    delegation_create(
        actor=me, person=world.person, ally=mediator, task="Déclaration CAF", decided_by="person", person_consented=True
    )
    interaction_record(
        actor=referent,
        person=world.person,
        occurred_on=today(),
        kind="meeting",
        summary="Rendez-vous au café choisi par Camille.",
        link_types=["adaptation"],
        bond="workers",
        participant_ids=[mediator.pk],
    )
    private_note_add(actor=referent, person=world.person, text="Penser à l'atelier cuisine.")


def _fill_the_meetings(world: World) -> None:
    """Meetings in every state, a rhythm, a follow-up, a workshop with a sign-up, a published slot."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from alliances.meetings.models import FollowUp, Meeting, Office
    from alliances.meetings.services import OptionIn, availability_add, meeting_accept, meeting_propose, rhythm_set
    from alliances.meetings.workshops import workshop_create, workshop_signup

    me, referent = world.user("person_self"), world.user("referent_of")
    office = Office.objects.create(
        name="CCAS — accueil centre", address="12 rue Saint-Hélier", accessibility="Plain-pied"
    )
    for weekday in range(7):
        availability_add(actor=referent, weekday=weekday, starts=time(8), ends=time(20))
    zone = timezone.get_current_timezone()
    day = timezone.localdate() + timedelta(days=3)

    def at(days: int, hour: int) -> datetime:
        return datetime.combine(day + timedelta(days=days), time(hour), tzinfo=zone)

    def option(days: int, hour: int, **place: object) -> OptionIn:
        return OptionIn(starts_at=at(days, hour), ends_at=at(days, hour + 1), **place)  # type: ignore[arg-type]

    agreed = meeting_propose(
        actor=referent,
        person=world.person,
        worker=referent,
        options=[option(0, 10, place_kind="office", office_id=office.pk)],
    )
    meeting_accept(actor=me, meeting=agreed, option_id=agreed.options.get().pk)
    meeting_propose(
        actor=me,
        person=world.person,
        worker=referent,
        options=[option(1, 14, place_kind="chosen", place_text="Le café des Lices"), option(2, 9, place_kind="phone")],
    )
    meeting_propose(actor=referent, person=world.person, worker=referent, options=[option(4, 11, place_kind="video")])
    missed = Meeting.objects.create(
        person=world.person,
        worker=referent,
        proposed_by=me,
        status="missed",
        starts_at=at(-6, 10),
        ends_at=at(-6, 11),
        place_kind="phone",
    )
    FollowUp.objects.create(meeting=missed, referent=referent)
    rhythm_set(actor=me, person=world.person, rhythm="monthly")
    workshop = workshop_create(
        actor=referent, title="Atelier cuisine", starts_at=at(1, 18), ends_at=at(1, 20), capacity=8, office=office
    )
    workshop_signup(actor=me, workshop=workshop, person=world.person)


def test_every_page_passes_axe(page: Page, live_server, transactional_db: None, world: World) -> None:  # type: ignore[no-untyped-def]
    _fill_the_alliance(world)
    _fill_the_meetings(world)
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
        login(page, live_server.url, actor.email, PASSWORD)
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
