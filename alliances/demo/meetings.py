"""Demo content for meetings: offices, opening slots, the demo person's meetings in every state, a
follow-up after a miss, a workshop with a sign-up."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.meetings.models import FollowUp, Meeting, MeetingEvent, Office
from alliances.meetings.services import OptionIn, availability_add, meeting_accept, meeting_propose, rhythm_set
from alliances.meetings.workshops import workshop_create, workshop_signup, workshop_validate
from alliances.persons.models import Person


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def demo_meetings(person: Person, referents: list[User], mediators: list[User], today: date) -> None:
    centre = Office.objects.create(
        name="CCAS — accueil centre",
        address="12 rue Saint-Hélier, 35000 Rennes",
        accessibility="De plain-pied, boucle magnétique à l'accueil, toilettes accessibles.",
    )
    Office.objects.create(
        name="Maison de quartier de Maurepas",
        address="32 rue de la Marbaudais, 35700 Rennes",
        accessibility="Ascenseur ; salle au 1er étage.",
    )
    for worker in referents:
        for weekday in range(5):
            availability_add(actor=worker, weekday=weekday, starts=time(9), ends=time(12))
            availability_add(actor=worker, weekday=weekday, starts=time(14), ends=time(17))
    for worker in mediators:
        for weekday in (1, 3):
            availability_add(actor=worker, weekday=weekday, starts=time(10), ends=time(16))

    me = person.account
    assert me is not None
    referent = Ally.objects.active().get(person=person, role=AllyRole.REFERENT).user
    next_monday = today + timedelta(days=7 - today.weekday())
    rhythm_set(actor=me, person=person, rhythm="monthly")

    # Held last month, at the café the person chose.
    held = Meeting.objects.create(
        person=person,
        worker=referent,
        proposed_by=me,
        agreed_by=referent,
        status="held",
        starts_at=_at(today - timedelta(days=28), 10),
        ends_at=_at(today - timedelta(days=28), 11),
        place_kind="chosen",
        place_text="Le café des Lices",
    )
    MeetingEvent.objects.create(meeting=held, actor=me, what="propose : café des Lices")
    MeetingEvent.objects.create(meeting=held, actor=referent, what="accepte")

    # Agreed for next Tuesday at the office; proposed by the referent, accepted by the person.
    agreed = meeting_propose(
        actor=referent,
        person=person,
        worker=referent,
        options=[
            OptionIn(
                starts_at=_at(next_monday + timedelta(days=1), 10),
                ends_at=_at(next_monday + timedelta(days=1), 11),
                place_kind="office",
                office_id=centre.pk,
            )
        ],
    )
    meeting_accept(actor=me, meeting=agreed, option_id=agreed.options.get().pk)

    # Proposed by the person to the mediator: two slots, by phone or in a park.
    mediator = Ally.objects.active().filter(person=person, role=AllyRole.MEDIATOR).first()
    if mediator is not None:
        thursday = next_monday + timedelta(days=3)
        meeting_propose(
            actor=me,
            person=person,
            worker=mediator.user,
            options=[
                OptionIn(starts_at=_at(thursday, 11), ends_at=_at(thursday, 12), place_kind="phone"),
                OptionIn(
                    starts_at=_at(thursday, 14),
                    ends_at=_at(thursday, 15),
                    place_kind="chosen",
                    place_text="Parc des Gayeulles, près de l'étang",
                ),
            ],
        )

    # Another person of the same referent missed a meeting: "prendre des nouvelles".
    other = (
        Ally.objects.active()
        .filter(user=referent, role=AllyRole.REFERENT)
        .exclude(person=person)
        .select_related("person")
        .first()
    )
    if other is not None:
        missed = Meeting.objects.create(
            person=other.person,
            worker=referent,
            proposed_by=referent,
            status="missed",
            starts_at=_at(today - timedelta(days=2), 15),
            ends_at=_at(today - timedelta(days=2), 16),
            place_kind="office",
            office=centre,
        )
        FollowUp.objects.create(meeting=missed, referent=referent)

    if mediators:
        workshop = workshop_create(
            actor=mediators[0],
            title="Atelier « Mes démarches en ligne »",
            description="Créer son compte, déposer une pièce, à son rythme, avec d'autres personnes.",
            starts_at=_at(next_monday + timedelta(days=2), 14),
            ends_at=_at(next_monday + timedelta(days=2), 16),
            capacity=8,
            office=centre,
        )
        workshop = workshop_validate(actor=referent, workshop=workshop)  # a mediator's proposal, validated
        workshop_signup(actor=me, workshop=workshop, person=person)
