"""She reports that an item of her file is wrong, or asks for another referent; her referent answers."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from alliances.access.policy import AccessDenied
from alliances.audit.models import AuditEvent
from alliances.notifications.models import Notification
from alliances.persons.file_requests import file_request_answer, file_request_send
from alliances.persons.models import FileRequest

from ..conftest import World


def _send(world: World, **overrides: str) -> FileRequest:
    data = {"kind": "correction", "topic": "birth_date", "text": "Je suis née le 12/03/1985, pas le 21/03."}
    return file_request_send(actor=world.user("person_self"), person=world.person, **{**data, **overrides})


@pytest.mark.django_db(transaction=True)
def test_a_correction_goes_to_her_referent_by_email_without_personal_detail(world: World) -> None:
    request = _send(world)
    assert (request.status, request.topic) == ("sent", "birth_date")
    assert AuditEvent.objects.filter(person_id=world.person.pk, category="identity", detail="demande").exists()
    referent = world.user("referent_of")
    sent = [m for m in mail.outbox if referent.email in m.to]
    assert len(sent) == 1
    assert world.person.last_name not in sent[0].body and "1985" not in sent[0].body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"topic": "referent"}, "topic"),
        ({"topic": "salaire"}, "topic"),
        ({"kind": "plainte"}, "kind"),
    ],
)
def test_a_bad_request_changes_nothing(world: World, overrides: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        _send(world, **overrides)
    assert field in error.value.message_dict
    assert not FileRequest.objects.exists()


def test_only_she_sends_requests_about_her_file(world: World) -> None:
    for name in ("referent_of", "person_other", "mediator_shared"):
        with pytest.raises(AccessDenied):
            file_request_send(
                actor=world.user(name), person=world.person, kind="correction", topic="other", text="Erreur"
            )
    assert not FileRequest.objects.exists()


def test_one_handover_request_at_a_time(world: World) -> None:
    first = _send(world, kind="handover", topic="", text="Je voudrais quelqu'un d'autre.")
    assert first.topic == "referent"
    with pytest.raises(ValidationError):
        _send(world, kind="handover", topic="", text="Encore.")
    file_request_answer(actor=world.user("referent_of"), request=first, status="done", answer="")
    _send(world, kind="handover", topic="", text="Encore une fois.")
    assert FileRequest.objects.filter(kind="handover").count() == 2


def test_her_referent_answers_and_she_is_told_in_plain_words(world: World) -> None:
    request = _send(world)
    with pytest.raises(ValidationError) as error:
        file_request_answer(actor=world.user("referent_of"), request=request, status="declined", answer=" ")
    assert "answer" in error.value.message_dict
    request.refresh_from_db()
    assert request.status == "sent" and not Notification.objects.exists()
    file_request_answer(actor=world.user("referent_of"), request=request, status="done", answer="C'est corrigé. Merci.")
    request.refresh_from_db()
    assert (request.status, request.answer, request.answered_by) == (
        "done",
        "C'est corrigé. Merci.",
        world.user("referent_of"),
    )
    note = Notification.objects.get(person=world.person)
    assert (note.kind, note.text, note.link) == ("request_answered", "Votre demande est faite.", "portal:requests")
    with pytest.raises(ValidationError):  # answered once
        file_request_answer(actor=world.user("referent_of"), request=request, status="declined", answer="Non")


def test_who_may_answer(world: World) -> None:
    request = _send(world)
    for name in ("person_self", "mediator_shared", "referent_other", "manager"):
        with pytest.raises(AccessDenied):
            file_request_answer(actor=world.user(name), request=request, status="done", answer="")
    request.refresh_from_db()
    assert request.status == "sent"


def test_the_pages_on_both_sides(world: World) -> None:
    her = Client()
    her.force_login(world.user("person_self"))
    page = her.get(reverse("portal:requests") + "?sujet=birth_date").content.decode()
    assert '<option value="birth_date" selected>' in page
    bad = her.post(reverse("portal:request_send", args=["correction"]), {"topic": "birth_date", "text": ""})
    assert bad.status_code == 400 and "Écrivez ce qui est faux et ce qui est juste." in bad.content.decode()
    her.post(reverse("portal:request_send", args=["correction"]), {"topic": "birth_date", "text": "Né le 12/03."})
    request = FileRequest.objects.get()

    worker = Client()
    worker.force_login(world.user("referent_of"))
    staff_page = worker.get(reverse("person_requests", args=[world.person.pk])).content.decode()
    assert "Né le 12/03." in staff_page and "Demandes de la personne" in staff_page
    url = reverse("person_request_answer", args=[request.pk])
    refused = worker.post(url, {f"r{request.pk}-status": "declined", f"r{request.pk}-answer": ""})
    assert refused.status_code == 400 and "pourquoi" in refused.content.decode()
    worker.post(url, {f"r{request.pk}-status": "declined", f"r{request.pk}-answer": "La CAF a la bonne date."})
    mine = her.get(reverse("portal:requests")).content.decode()
    assert "Non retenue" in mine and "La CAF a la bonne date." in mine
