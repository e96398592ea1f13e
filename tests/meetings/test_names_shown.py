"""A relative or a peer to whom she shares her meetings sees her first name only, as everywhere else in her
file: her proposals and their history never show her last name to them (they did before)."""

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliances.access.categories import Category
from alliances.circles.models import Ally
from alliances.consent.models import Sharing
from alliances.meetings.services import meeting_propose

from ..conftest import World
from .conftest import option


def test_her_proposal_shows_her_first_name_only_to_whom_she_shares_meetings(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    peer = Ally.objects.get(person=world.person, user=world.user("peer_ally"))
    Sharing.objects.create(ally=peer, category=Category.MEETINGS, granted_at=timezone.now())
    meeting_propose(
        actor=world.user("person_self"),
        person=world.person,
        worker=world.user("referent_of"),
        options=[option(24, 10)],
    )
    client = Client()
    client.force_login(world.user("peer_ally"))
    page = client.get(reverse("person_meetings", args=[world.person.pk])).content.decode()
    assert "Proposition de Camille" in page
    assert "Martin" not in page
