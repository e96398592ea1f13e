"""Routes of meetings, agendas and workshops, on the web and in the API."""

from typing import Any

from django.urls import reverse

from ..conftest import World
from .objects import _p
from .route import CIRCLE_KEEPERS, LOGGED_IN, PORTAL_USERS, Route

#: Referents and mediators keep an agenda; managers also organise workshops.
AGENDA_KEEPERS = frozenset({"referent_of", "referent_other", "mediator_shared", "mediator_unshared"})
ORGANISERS = AGENDA_KEEPERS | {"manager"}


def _day(days: int) -> str:
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _at(days: int, hour: int) -> Any:
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _meeting(w: World, status: str = "proposed", days: int = 3) -> int:
    """A meeting of P with their referent: proposed by the person, or agreed (in `days` days)."""
    from datetime import timedelta

    from alliances.meetings.models import Meeting, MeetingOption

    existing = Meeting.objects.filter(person=w.person, status=status).first()
    if existing is not None:  # the handover test builds the URL twice
        return existing.pk
    starts = _at(days, 10)
    meeting = Meeting.objects.create(
        person=w.person,
        worker=w.user("referent_of"),
        proposed_by=w.user("person_self"),
        status=status,
        **(
            {"starts_at": starts, "ends_at": starts + timedelta(hours=1), "place_kind": "phone"}
            if status == "agreed"
            else {}
        ),
    )
    MeetingOption.objects.create(
        meeting=meeting, starts_at=starts, ends_at=starts + timedelta(hours=1), place_kind="phone"
    )
    return meeting.pk


def _latest_option() -> int:
    """The option of the meeting the route's URL just made (the URL is built before the body)."""
    from alliances.meetings.models import MeetingOption

    return MeetingOption.objects.latest("id").pk


def _follow_up(w: World) -> int:
    from alliances.meetings.models import FollowUp

    follow_up, _ = FollowUp.objects.get_or_create(
        meeting_id=_meeting(w, "missed", days=-1), defaults={"referent": w.user("referent_of")}
    )
    return follow_up.pk


def _availability(w: World) -> int:
    from datetime import time

    from alliances.meetings.models import Availability

    return Availability.objects.create(worker=w.user("referent_of"), weekday=0, starts=time(9), ends=time(12)).pk


def _workshop(w: World) -> int:
    """A published workshop (a mediator's, validated by the referent)."""
    from datetime import timedelta

    from django.utils import timezone

    from alliances.meetings.models import Workshop

    starts = _at(3, 14)
    return Workshop.objects.create(
        title="Atelier cuisine",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=5,
        place_text="Maison de quartier",
        organiser=w.user("mediator_shared"),
        validated_at=timezone.now(),
        validated_by=w.user("referent_of"),
    ).pk


def _api_option(days: int) -> dict[str, Any]:
    """An option outside the opening slots, marked as such (no slot is open in the matrix world)."""
    from datetime import timedelta

    starts = _at(days, 10)
    return {
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
        "place_kind": "phone",
        "outside_availability": True,
    }


def _current_referent(w: World) -> int:
    from alliances.circles.models import Ally

    return Ally.objects.active().get(person=w.person, role="referent").user_id


def _signed_workshop(w: World) -> int:
    from alliances.meetings.models import WorkshopSignup

    workshop_id = _workshop(w)
    WorkshopSignup.objects.get_or_create(
        workshop_id=workshop_id, person=w.person, left_at=None, defaults={"signed_by": w.user("person_self")}
    )
    return workshop_id


def _other_date(w: World) -> dict[str, Any]:
    return {"other_on": _day(5), "other_at": "10:00", "duration": "60", "place_kind": "phone", "outside": "on"}


MEETING_ROUTES: list[Route] = [
    Route("person_meetings", lambda w: reverse("person_meetings", args=[_p(w)]), CIRCLE_KEEPERS),
    Route("portal:meetings", lambda w: reverse("portal:meetings"), PORTAL_USERS),
    Route("person_meeting_propose", lambda w: reverse("person_meeting_propose", args=[_p(w)]), CIRCLE_KEEPERS),
    Route(
        "person_meeting_propose",
        lambda w: reverse("person_meeting_propose", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=_other_date,
    ),
    # The peer has a file but nobody to meet yet: nothing to propose.
    Route(
        "portal:meeting_propose",
        lambda w: reverse("portal:meeting_propose"),
        frozenset({"person_self", "person_other"}),
    ),
    Route(
        "meeting_rhythm",
        lambda w: reverse("meeting_rhythm", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"rhythm": "monthly"},
    ),
    Route(
        "meeting_reminders",
        lambda w: reverse("meeting_reminders", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        data=lambda w: {"channel": "none"},
    ),
    # The person proposed: the referent answers (whose turn it is, the policy decides).
    Route(
        "meeting_answer",
        lambda w: reverse("meeting_answer", args=[_meeting(w)]),
        frozenset({"referent_of"}),
        method="post",
        data=lambda w: {"option": _latest_option()},
    ),
    Route("meeting_reschedule", lambda w: reverse("meeting_reschedule", args=[_meeting(w, "agreed")]), CIRCLE_KEEPERS),
    Route(
        "meeting_reschedule",
        lambda w: reverse("meeting_reschedule", args=[_meeting(w, "agreed")]),
        CIRCLE_KEEPERS,
        method="post",
        data=_other_date,
    ),
    Route("meeting_cancel", lambda w: reverse("meeting_cancel", args=[_meeting(w, "agreed")]), CIRCLE_KEEPERS),
    Route("meeting_cancel", lambda w: reverse("meeting_cancel", args=[_meeting(w)]), CIRCLE_KEEPERS, method="post"),
    Route(
        "meeting_close",
        lambda w: reverse("meeting_close", args=[_meeting(w, "agreed", days=-1)]),
        frozenset({"referent_of"}),
        method="post",
        data=lambda w: {"outcome": "held"},
    ),
    Route(
        "meeting_calendar",
        lambda w: reverse("meeting_calendar", args=[_meeting(w, "agreed")]),
        CIRCLE_KEEPERS,
        page=False,  # a download, not a page
    ),
    Route("agenda", lambda w: reverse("agenda"), AGENDA_KEEPERS),
    Route("availability", lambda w: reverse("availability"), AGENDA_KEEPERS),
    Route(
        "availability",
        lambda w: reverse("availability"),
        AGENDA_KEEPERS,
        method="post",
        data=lambda w: {"kind": "once", "on": _day(3), "starts": "09:00", "ends": "10:00"},
    ),
    Route(
        "availability_delete",
        lambda w: reverse("availability_delete", args=[_availability(w)]),
        frozenset({"referent_of"}),
        method="post",
    ),
    Route(
        "absence_new",
        lambda w: reverse("absence_new"),
        AGENDA_KEEPERS,
        method="post",
        data=lambda w: {"starts_on": _day(3), "ends_on": _day(4)},
    ),
    Route("feed_renew", lambda w: reverse("feed_renew"), AGENDA_KEEPERS, method="post"),
    Route("feed_revoke", lambda w: reverse("feed_revoke"), AGENDA_KEEPERS, method="post"),
    Route(
        "follow_up_done",
        lambda w: reverse("follow_up_done", args=[_follow_up(w)]),
        frozenset({"referent_of"}),
        method="post",
    ),
    Route("workshops", lambda w: reverse("workshops"), ORGANISERS),
    Route(
        "workshops",
        lambda w: reverse("workshops"),
        ORGANISERS,
        method="post",
        data=lambda w: {
            "title": "Cuisine",
            "on": _day(3),
            "starts": "14:00",
            "ends": "16:00",
            "capacity": "5",
            "place_text": "Maison de quartier",
        },
    ),
    Route(
        "workshop_cancel",
        lambda w: reverse("workshop_cancel", args=[_workshop(w)]),
        frozenset({"mediator_shared"}),
        method="post",
    ),
    Route("workshop_join", lambda w: reverse("workshop_join", args=[_workshop(w)]), PORTAL_USERS, method="post"),
    Route("workshop_quit", lambda w: reverse("workshop_quit", args=[_workshop(w)]), PORTAL_USERS, method="post"),
    # API
    Route("api:list_meetings", lambda w: reverse("api:list_meetings", args=[_p(w)]), CIRCLE_KEEPERS, api=True),
    Route(
        "api:propose",
        lambda w: reverse("api:propose", args=[_p(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"worker_id": _current_referent(w), "options": [_api_option(5)]},
    ),
    Route(
        "api:accept",
        lambda w: reverse("api:accept", args=[_meeting(w)]),
        frozenset({"referent_of"}),
        method="post",
        api=True,
        data=lambda w: {"option_id": _latest_option()},
    ),
    Route(
        "api:counter",
        lambda w: reverse("api:counter", args=[_meeting(w)]),
        frozenset({"referent_of"}),
        method="post",
        api=True,
        data=lambda w: {"options": [_api_option(6)]},
    ),
    Route(
        "api:move",
        lambda w: reverse("api:move", args=[_meeting(w, "agreed")]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"options": [_api_option(6)], "reason": "Un imprévu"},
    ),
    Route(
        "api:cancel",
        lambda w: reverse("api:cancel", args=[_meeting(w)]),
        CIRCLE_KEEPERS,
        method="post",
        api=True,
        data=lambda w: {"reason": ""},
    ),
    Route(
        "api:close",
        lambda w: reverse("api:close", args=[_meeting(w, "agreed", days=-1)]),
        frozenset({"referent_of"}),
        method="post",
        api=True,
        data=lambda w: {"outcome": "held"},
    ),
    Route(
        "api:slots",
        lambda w: reverse("api:slots", args=[w.user("referent_of").pk]),
        AGENDA_KEEPERS | {"person_self"},
        api=True,
    ),
    Route("api:list_workshops", lambda w: reverse("api:list_workshops"), LOGGED_IN, api=True),
    Route("api:signup", lambda w: reverse("api:signup", args=[_workshop(w)]), PORTAL_USERS, method="post", api=True),
    Route(
        "api:leave",
        lambda w: reverse("api:leave", args=[_signed_workshop(w)]),
        PORTAL_USERS,  # leaving a workshop one is not in changes nothing
        method="post",
        api=True,
    ),
]
