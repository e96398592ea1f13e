"""The meeting pages, through the web: the person proposes from the portal, the referent answers,
moves and cancellations, closing, rhythm and reminders, availability, the feed, workshops."""

import time_machine
from django.test import Client
from django.urls import reverse

from alliances.audit.models import AuditEvent
from alliances.meetings.models import (
    Availability,
    CalendarFeed,
    FollowUp,
    Meeting,
    Office,
    ReminderPreference,
    Workshop,
    WorkshopSignup,
)

from ..conftest import NOW, World, at


def _login(client: Client, world: World, name: str) -> None:
    client.force_login(world.user(name))


def _propose_from_portal(client: Client, world: World, **extra: str) -> Meeting:
    _login(client, world, "person_self")
    page = client.get(reverse("portal:meeting_propose"))
    assert page.status_code == 200
    assert "Mardi 24 novembre (6 créneaux)" in page.content.decode()
    response = client.post(
        reverse("portal:meeting_propose"),
        {
            "slots": ["2026-11-24T10:00", "2026-11-25T14:00"],
            "duration": "60",
            "place_kind": "chosen",
            "place_text": "Le café des Lices",
            **extra,
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:meetings")
    return Meeting.objects.get(status="proposed")


def test_the_person_proposes_two_slots_and_a_place_and_the_referent_accepts_one(
    world: World, open_week: None, client: Client
) -> None:
    proposal = _propose_from_portal(client, world)
    assert [o.place_text for o in proposal.options.all()] == ["Le café des Lices", "Le café des Lices"]
    _login(client, world, "referent_of")
    agenda = client.get(reverse("agenda")).content.decode()
    assert "Camille Martin" in agenda and "2 créneaux" in agenda
    page = client.get(reverse("person_meetings", args=[world.person.pk])).content.decode()
    assert "Accepter ce créneau" in page and "Le café des Lices" in page
    chosen = proposal.options.get(starts_at=at(25, 14))
    response = client.post(reverse("meeting_answer", args=[proposal.pk]), {"option": chosen.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.starts_at) == ("agreed", at(25, 14))
    _login(client, world, "person_self")
    mine = client.get(reverse("portal:meetings")).content.decode()
    assert "mercredi 25 novembre, de 14:00 à 15:00" in mine and "Historique" in mine
    ics = client.get(reverse("meeting_calendar", args=[proposal.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content


def test_bad_proposals_get_a_french_message_and_save_nothing(world: World, open_week: None, client: Client) -> None:
    _login(client, world, "person_self")
    url = reverse("portal:meeting_propose")
    cases = [
        ({"duration": "60", "place_kind": "phone"}, "Choisissez au moins un créneau"),
        ({"slots": ["2026-11-24T10:00"], "duration": "60", "place_kind": "moon"}, "Choisissez une valeur"),
        ({"slots": ["2026-11-24T10:00"], "duration": "60", "place_kind": "chosen"}, "Dites quel lieu"),
        ({"slots": ["2026-11-24T10:00"], "duration": "60", "place_kind": "office"}, "Lieu inconnu"),
        ({"other_on": "2026-11-28", "other_at": "10:00", "duration": "60", "place_kind": "phone"}, "en dehors"),
        ({"other_on": "2026-11-20", "other_at": "10:00", "duration": "60", "place_kind": "phone"}, "dans le passé"),
        ({"other_on": "2026-11-28", "duration": "60", "place_kind": "phone"}, "le jour et l&#x27;heure"),
        ({"slots": ["2026-11-24T10:30"], "duration": "60", "place_kind": "phone"}, "plus libre"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), (data, message)
    assert not Meeting.objects.exists()
    # Outside the opening slots is allowed when the person says so, and the referent confirms.
    client.post(
        url,
        {"other_on": "2026-11-28", "other_at": "10:00", "duration": "45", "place_kind": "phone", "outside": "on"},
    )
    proposal = Meeting.objects.get()
    option = proposal.options.get()
    assert option.outside_availability and option.ends_at == at(28, 10, 45)
    _login(client, world, "referent_of")
    refused = client.post(reverse("meeting_answer", args=[proposal.pk]), {"option": option.pk})
    assert refused.status_code == 400 and "confirmez" in refused.content.decode()
    client.post(reverse("meeting_answer", args=[proposal.pk]), {"option": option.pk, "confirm_outside": "on"})
    assert Meeting.objects.get().status == "agreed"


def test_the_person_moves_with_a_reason_the_referent_sees_it_and_late_changes_are_refused(
    world: World, open_week: None, client: Client, clock: time_machine.Traveller
) -> None:
    proposal = _propose_from_portal(client, world)
    _login(client, world, "referent_of")
    client.post(
        reverse("meeting_answer", args=[proposal.pk]), {"option": proposal.options.get(starts_at=at(25, 14)).pk}
    )
    _login(client, world, "person_self")
    move = client.post(
        reverse("meeting_reschedule", args=[proposal.pk]),
        {"slots": ["2026-11-26T09:00"], "duration": "60", "place_kind": "phone", "reason": "Mon fils est malade"},
    )
    assert move.status_code == 302
    moved = Meeting.objects.get(status="proposed")
    assert moved.previous_id == proposal.pk
    _login(client, world, "referent_of")
    client.post(reverse("meeting_answer", args=[moved.pk]), {"option": moved.options.get().pk})
    page = client.get(reverse("person_meetings", args=[world.person.pk])).content.decode()
    assert "Mon fils est malade" in page
    clock.move_to(at(25, 10))  # less than 24 hours before
    _login(client, world, "person_self")  # a new session, the next morning
    late = client.post(reverse("meeting_cancel", args=[moved.pk]), {"reason": ""})
    assert late.status_code == 400 and "moins de 24 heures" in late.content.decode()
    assert "appelez" in client.get(reverse("portal:meetings")).content.decode()
    assert Meeting.objects.get(pk=moved.pk).status == "agreed"


def test_a_missed_meeting_becomes_a_follow_up_in_the_referents_agenda(
    world: World, open_week: None, client: Client, clock: time_machine.Traveller
) -> None:
    proposal = _propose_from_portal(client, world)
    _login(client, world, "referent_of")
    client.post(
        reverse("meeting_answer", args=[proposal.pk]), {"option": proposal.options.get(starts_at=at(24, 10)).pk}
    )
    early = client.post(reverse("meeting_close", args=[proposal.pk]), {"outcome": "missed"}, follow=True)
    assert "pas encore commencé" in early.content.decode()
    clock.move_to(at(24, 12))
    _login(client, world, "referent_of")  # the session expired overnight
    client.post(reverse("meeting_close", args=[proposal.pk]), {"outcome": "missed", "next": "agenda"})
    agenda = client.get(reverse("agenda")).content.decode()
    assert "Prendre des nouvelles" in agenda and "Camille Martin" in agenda
    follow_up = FollowUp.objects.get()
    client.post(reverse("follow_up_done", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    _login(client, world, "person_self")
    assert "vous n'avez pas pu venir" in client.get(reverse("portal:meetings")).content.decode()


def test_rhythm_suggests_the_next_meeting_and_the_person_chooses_reminders(
    world: World, open_week: None, client: Client
) -> None:
    _login(client, world, "person_self")
    client.post(reverse("meeting_rhythm", args=[world.person.pk]), {"rhythm": "monthly"})
    page = client.get(reverse("portal:meetings")).content.decode()
    assert "Prochain rendez-vous suggéré" in page and "mercredi 23 décembre" in page
    bad = client.post(reverse("meeting_rhythm", args=[world.person.pk]), {"rhythm": "daily"})
    assert bad.status_code == 400
    assert client.post(reverse("meeting_reminders", args=[world.person.pk]), {"channel": "sms"}).status_code == 302
    assert ReminderPreference.objects.get().channel == "sms"
    world.person.phone = ""
    world.person.save()
    refused = client.post(reverse("meeting_reminders", args=[world.person.pk]), {"channel": "sms"})
    assert refused.status_code == 400 and "Aucun numéro" in refused.content.decode()
    client.post(reverse("meeting_reminders", args=[world.person.pk]), {"channel": "none"})
    assert ReminderPreference.objects.get().channel == "none"
    _login(client, world, "referent_of")
    assert (
        "pas de rappel (choisi par la personne)"
        in client.get(reverse("person_meetings", args=[world.person.pk])).content.decode()
    )


def test_the_worker_publishes_slots_and_absences_and_gets_a_private_feed(
    world: World, client: Client, clock: time_machine.Traveller
) -> None:
    _login(client, world, "referent_of")
    url = reverse("availability")
    ok = client.post(url, {"kind": "weekly", "weekday": "1", "starts": "09:00", "ends": "12:00"})
    assert ok.status_code == 302
    overlap = client.post(url, {"kind": "weekly", "weekday": "1", "starts": "11:00", "ends": "13:00"})
    assert overlap.status_code == 400 and "chevauche" in overlap.content.decode()
    past = client.post(url, {"kind": "once", "on": "2026-11-20", "starts": "09:00", "ends": "10:00"})
    assert past.status_code == 400 and "dans le passé" in past.content.decode()
    assert Availability.objects.count() == 1
    absence = client.post(reverse("absence_new"), {"starts_on": "2026-12-01", "ends_on": "2026-11-30"})
    assert absence.status_code == 400 and "La fin de l&#x27;absence" in absence.content.decode()
    client.post(reverse("availability_delete", args=[Availability.objects.get().pk]))
    assert not Availability.objects.exists()
    client.post(reverse("feed_renew"))
    shown = client.get(url).content.decode()
    assert "Copiez cette adresse maintenant" in shown
    feed_url = shown.split('<code id="adresse-agenda">')[1].split("</code>")[0]
    assert "Copiez cette adresse" not in client.get(url).content.decode()  # shown once
    client.logout()
    feed = client.get(feed_url.replace("http://testserver", ""))
    assert feed.status_code == 200 and feed.content.startswith(b"BEGIN:VCALENDAR")
    assert client.get(reverse("calendar_feed", args=["not-the-secret"])).status_code == 404
    assert CalendarFeed.objects.count() == 1


def test_workshops_are_organised_and_persons_sign_up_from_their_space(
    world: World, client: Client, clock: time_machine.Traveller
) -> None:
    office = Office.objects.create(name="CCAS — centre", address="12 rue Saint-Hélier")
    _login(client, world, "mediator_shared")
    bad = client.post(
        reverse("workshops"),
        {"title": "Cuisine", "on": "2026-11-20", "starts": "14:00", "ends": "16:00", "capacity": "1"},
    )
    assert bad.status_code == 400 and "passé" in bad.content.decode()
    client.post(
        reverse("workshops"),
        {
            "title": "Cuisine",
            "on": "2026-11-26",
            "starts": "14:00",
            "ends": "16:00",
            "capacity": "1",
            "office": office.pk,
        },
    )
    workshop = Workshop.objects.get()
    _login(client, world, "person_self")
    assert "Cuisine" not in client.get(reverse("portal:meetings")).content.decode()  # a mediator's: proposed
    _login(client, world, "referent_of")
    client.post(reverse("workshop_validate", args=[workshop.pk, "publier"]))
    _login(client, world, "person_self")
    assert "Cuisine" in client.get(reverse("portal:meetings")).content.decode()
    client.post(reverse("workshop_join", args=[workshop.pk]))
    _login(client, world, "person_other")
    full = client.post(reverse("workshop_join", args=[workshop.pk]), follow=True)
    assert "complet" in full.content.decode()
    _login(client, world, "mediator_shared")
    assert "Inscrit·es : Camille Martin" in client.get(reverse("workshops")).content.decode()
    assert WorkshopSignup.objects.count() == 1
    assert AuditEvent.objects.filter(detail="inscrits à un atelier").exists()


def test_the_agenda_costs_the_same_queries_for_one_or_many_meetings(
    world: World,
    open_week: None,
    client: Client,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alliances.meetings.services import meeting_propose

    from ..meetings.conftest import option

    _login(client, world, "referent_of")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("agenda")).status_code == 200
        return len(queries)

    meeting_propose(
        actor=world.user("person_self"), person=world.person, worker=world.user("referent_of"), options=[option(24, 10)]
    )
    one = count()
    for day in (25, 26, 27):
        meeting_propose(
            actor=world.user("person_self"),
            person=world.person,
            worker=world.user("referent_of"),
            options=[option(day, 10)],
        )
    assert count() == one


def test_cancelling_asks_for_confirmation_and_cancelled_meetings_are_listed_apart(
    world: World, client: Client, clock: time_machine.Traveller
) -> None:
    """Issue 20: a meeting was cancelled in one tap on an ambiguous "Annuler", then shown as "passé"."""
    from datetime import timedelta

    from alliances.meetings.models import Meeting

    starts = NOW + timedelta(days=3)
    meeting = Meeting.objects.create(
        person=world.person,
        worker=world.user("referent_of"),
        proposed_by=world.user("referent_of"),
        status="agreed",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place_kind="phone",
    )
    _login(client, world, "person_self")
    page = client.get(reverse("portal:meetings")).content.decode()
    assert f'href="{reverse("meeting_cancel", args=[meeting.pk])}"' in page and "Annuler ce rendez-vous" in page
    confirm = client.get(reverse("meeting_cancel", args=[meeting.pk]))
    assert confirm.status_code == 200 and "Oui, annuler ce rendez-vous" in confirm.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "agreed"  # asking is not cancelling
    client.post(reverse("meeting_cancel", args=[meeting.pk]), {"reason": ""})
    page = client.get(reverse("portal:meetings")).content.decode()
    cancelled = page.split("Rendez-vous annulés")[1]
    past = page.split("Rendez-vous passés")[1].split("Rendez-vous annulés")[0]
    assert starts.strftime("%d/%m/%Y") in cancelled and starts.strftime("%d/%m/%Y") not in past


def test_choosing_email_reminders_without_an_address_offers_to_add_it(world: World, client: Client) -> None:
    """Issue 20: choosing email reminders with no address on file gave a bare 400."""
    from alliances.meetings.models import ReminderPreference

    world.person.email = ""
    world.person.save()
    _login(client, world, "person_self")
    page = client.get(reverse("portal:meetings")).content.decode()
    assert 'name="email"' in page
    refused = client.post(reverse("meeting_reminders", args=[world.person.pk]), {"channel": "email"})
    assert refused.status_code == 400 and "Écrivez-la ici" in refused.content.decode()
    assert not ReminderPreference.objects.exists()
    bad = client.post(
        reverse("meeting_reminders", args=[world.person.pk]), {"channel": "email", "email": "pas-une-adresse"}
    )
    assert bad.status_code == 400 and "pas valide" in bad.content.decode()
    done = client.post(
        reverse("meeting_reminders", args=[world.person.pk]), {"channel": "email", "email": "camille@exemple.fr"}
    )
    assert done.status_code == 302
    world.person.refresh_from_db()
    assert world.person.email == "camille@exemple.fr"
    assert ReminderPreference.objects.get(person=world.person).channel == "email"
