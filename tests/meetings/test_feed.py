"""The private calendar feed: a secret address per worker, kept as a digest, audited when read."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from icalendar import Calendar

from alliances.audit.models import AuditEvent
from alliances.meetings.models import CalendarFeed
from alliances.meetings.selectors import calendar_feed_for
from alliances.meetings.services import calendar_feed_renew, calendar_feed_revoke, meeting_accept, meeting_propose

from ..conftest import World
from .conftest import option


def test_the_secret_opens_the_feed_until_it_is_renewed(
    world: World, open_week: None, clock: time_machine.Traveller
) -> None:
    referent = world.user("referent_of")
    offer = meeting_propose(actor=referent, person=world.person, worker=referent, options=[option(24, 10)])
    meeting_accept(actor=world.user("person_self"), meeting=offer, option_id=offer.options.get().pk)
    secret = calendar_feed_renew(actor=referent)
    assert secret not in CalendarFeed.objects.get().digest  # only the digest is kept
    feed = calendar_feed_for(secret)
    assert feed is not None
    assert [str(e.get("summary")) for e in Calendar.from_ical(feed).walk("VEVENT")] == ["Rendez-vous — Camille"]
    assert AuditEvent.objects.filter(actor=referent, person_id=world.person.pk, detail="flux d'agenda").count() == 1
    renewed = calendar_feed_renew(actor=referent)
    assert calendar_feed_for(secret) is None and calendar_feed_for(renewed) is not None
    calendar_feed_revoke(actor=referent)
    assert calendar_feed_for(renewed) is None


def test_only_workers_have_a_feed(world: World) -> None:
    with pytest.raises(ValidationError):
        calendar_feed_renew(actor=world.user("person_self"))
    assert calendar_feed_for("anything") is None
