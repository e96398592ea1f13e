"""Requests a person sends from her own space: an item of her file is wrong, or she asks for a new referent.

She writes; her referent answers (a referent's change itself is a handover, which the referent records).
Each request and each answer leaves an audit event; the referent is told by email with no personal detail,
and the person by the channel she chose.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, own_person_id, require
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record

from .enums import CLOSED_STATUSES, RequestKind, RequestStatus, RequestTopic
from .models import FileRequest, Person

MAX_TEXT = 2000


def _tell_referent(person: Person) -> None:
    from alliances.circles.enums import AllyRole
    from alliances.circles.models import Ally
    from alliances.notifications.tasks import send_email

    referent = Ally.objects.active().filter(person=person, role=AllyRole.REFERENT).select_related("user").first()
    if referent is None or not referent.user.email:
        return
    to = [referent.user.email]
    transaction.on_commit(
        lambda: send_email(
            subject="Alliances : une demande à lire",
            body="Une personne que vous accompagnez vous a envoyé une demande. Ouvrez Alliances pour la lire.",
            to=to,
        )
    )


@transaction.atomic
def file_request_send(*, actor: User, person: Person, kind: str, topic: str, text: str) -> FileRequest:
    """The person asks, from her own space. Only she sends requests about her own file."""
    require(actor, Action.VIEW, person, Category.IDENTITY)
    if own_person_id(actor) != person.pk:
        raise AccessDenied("Seule la personne envoie une demande sur son dossier.")
    errors: dict[str, str] = {}
    if kind not in RequestKind.values:
        errors["kind"] = "Choisissez dans la liste."
    if kind == RequestKind.HANDOVER:
        topic = RequestTopic.REFERENT
    elif topic not in RequestTopic.values or topic == RequestTopic.REFERENT:
        errors["topic"] = "Choisissez ce qui est faux dans la liste."
    text = text.strip()
    if not text:
        errors["text"] = (
            "Écrivez ce qui est faux et ce qui est juste."
            if kind == RequestKind.CORRECTION
            else "Écrivez en quelques mots ce que vous souhaitez."
        )
    elif len(text) > MAX_TEXT:
        errors["text"] = "Votre texte est trop long : 2 000 signes au plus."
    if errors:
        raise ValidationError(errors)
    if (
        kind == RequestKind.HANDOVER
        and FileRequest.objects.filter(person=person, kind=kind).exclude(status__in=CLOSED_STATUSES).exists()
    ):
        raise ValidationError({"text": "Vous avez déjà demandé un changement de référent·e. Il est en cours."})
    request = FileRequest.objects.create(person=person, kind=kind, topic=topic, text=text)
    audit_record(
        actor=actor, person_id=person.pk, category=Category.IDENTITY, action=AuditAction.WRITE, detail="demande"
    )
    _tell_referent(person)
    return request


_ANSWER_TEXT = {
    RequestStatus.IN_PROGRESS: "Votre demande est en cours.",
    RequestStatus.DONE: "Votre demande est faite.",
    RequestStatus.DECLINED: "Votre demande n'est pas retenue. La réponse explique pourquoi.",
}


@transaction.atomic
def file_request_answer(*, actor: User, request: FileRequest, status: str, answer: str) -> FileRequest:
    """The referent answers: under way, done, or not granted (then the answer must say why)."""
    from alliances.notifications.enums import NotificationKind
    from alliances.notifications.services import notify_person_of

    require(actor, Action.CHANGE, request.person_id, Category.IDENTITY)
    if own_person_id(actor) == request.person_id:
        raise AccessDenied("La personne ne répond pas à sa propre demande.")
    locked = FileRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    answer = answer.strip()
    if status not in {RequestStatus.IN_PROGRESS, RequestStatus.DONE, RequestStatus.DECLINED}:
        raise ValidationError({"status": "Choisissez une réponse dans la liste."})
    if locked.status in CLOSED_STATUSES:
        raise ValidationError({"status": "Cette demande a déjà reçu sa réponse."})
    if status == RequestStatus.DECLINED and not answer:
        raise ValidationError({"answer": "Expliquez à la personne pourquoi sa demande n'est pas retenue."})
    if len(answer) > MAX_TEXT:
        raise ValidationError({"answer": "La réponse est trop longue : 2 000 signes au plus."})
    locked.status = status
    locked.answer = answer
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    audit_record(
        actor=actor,
        person_id=locked.person_id,
        category=Category.IDENTITY,
        action=AuditAction.WRITE,
        detail="réponse à une demande",
    )
    notify_person_of(
        actor=actor,
        person=locked.person,
        kind=NotificationKind.REQUEST_ANSWERED,
        text=_ANSWER_TEXT[RequestStatus(status)],
        link="portal:requests",
    )
    return locked
