"""Mandates the person gives and controls: proposed, consented to, refused, revoked, renewed, reminded,
and every act done under one."""

import hashlib
import secrets
from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alliances.access.policy import (
    AccessDenied,
    is_current_referent,
    may_hold_mandate,
    own_person_id,
)
from alliances.accounts.models import User
from alliances.circles.models import Ally
from alliances.core.validation import today
from alliances.goals.enums import DecidedBy
from alliances.goals.models import Delegation
from alliances.notifications.enums import NotificationKind
from alliances.notifications.services import notify
from alliances.persons.models import Person

from ..catalogue import catalogue
from ..enums import REMINDED_DURATIONS, ConsentMethod, MandateDuration, MandateStatus, mandate_end
from ..models import Mandate, MandateAct
from .sessions import audit_procedures

REMIND_DAYS_BEFORE = 30


def mandate_status(mandate: Mandate, on: date | None = None) -> MandateStatus:
    on = on or today()
    if mandate.refused_at is not None:
        return MandateStatus.REFUSED
    if mandate.revoked_at is not None:
        return MandateStatus.REVOKED
    if mandate.consented_at is None:
        return MandateStatus.TO_CONFIRM
    assert mandate.ends_on is not None
    return MandateStatus.EXPIRED if on > mandate.ends_on else MandateStatus.ACTIVE


def mandate_text(mandate: Mandate) -> str:
    """The mandate's words, as shown for consent and printed; their SHA-256 is kept with it."""
    themes = catalogue()
    scope = ", ".join(t.label for code in mandate.themes if (t := themes.theme(code)))
    holder = mandate.holder
    return (
        f"Mandat {mandate.reference}\n"
        f"Je, {mandate.person.display_name}, donne mandat à {holder.first_name} {holder.last_name} "
        f"pour faire en mon nom des démarches en ligne dans les domaines suivants : {scope}.\n"
        f"Durée : {MandateDuration(mandate.duration).label}, à partir du jour où je donne mon accord.\n"
        "Je peux mettre fin à ce mandat à tout moment, en une étape, depuis mon espace Alliances.\n"
        "Chaque acte fait sous ce mandat m'est montré : quelle démarche, ce qui a été fait, quand."
    )


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _new_reference() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "MDT-" + "".join(secrets.choice(alphabet) for _ in range(8))


def _holder_ally(person_id: int, holder: User) -> Ally | None:
    return Ally.objects.active().filter(person_id=person_id, user=holder).first()


@transaction.atomic
def mandate_propose(
    *, actor: User, person: Person, holder: User, themes: list[str], duration: str, renewal_of: Mandate | None = None
) -> Mandate:
    """Drafts a mandate: by its holder (a mediator or the referent in the circle), or by the person.

    It is in force only once the person consents (`mandate_consent`); drafted by the person from their
    own space, the draft is their consent.
    """
    by_person = own_person_id(actor) == person.pk
    if not by_person and not (actor.pk == holder.pk and may_hold_mandate(actor, person.pk)):
        raise AccessDenied("Introuvable.")
    errors: dict[str, str] = {}
    if not may_hold_mandate(holder, person.pk):
        errors["holder"] = "Un mandat se donne à votre médiateur·rice ou à votre référent·e."
    chosen = list(dict.fromkeys(themes))
    known = {t.code for t in catalogue().themes}
    if not chosen:
        errors["themes"] = "Choisissez au moins un domaine."
    elif any(code not in known for code in chosen):
        errors["themes"] = "Choisissez des domaines dans la liste."
    if duration not in MandateDuration.values:
        errors["duration"] = "Un mandat dure au plus un an : choisissez 1 jour, 1 mois, 6 mois ou 1 an."
    if errors:
        raise ValidationError(errors)
    mandate = Mandate(
        person=person,
        holder=holder,
        themes=[t.code for t in catalogue().themes if t.code in chosen],
        duration=duration,
        reference=_new_reference(),
        created_by=actor,
        renewal_of=renewal_of,
    )
    mandate.text_hash = _hash(mandate_text(mandate))
    mandate.save()
    audit_procedures(actor, person.pk, f"mandat proposé {mandate.reference}")
    if by_person:
        return _consent(actor, mandate, ConsentMethod.SPACE)
    notify(
        person=person,
        kind=NotificationKind.MANDATE_TO_CONFIRM,
        text=f"{holder.first_name} vous propose un mandat pour faire des démarches pour vous. "
        "Rien ne se fera sans votre accord.",
        link="portal:mandates",
    )
    return mandate


def _consent(actor: User, mandate: Mandate, method: ConsentMethod) -> Mandate:
    ally = _holder_ally(mandate.person_id, mandate.holder)
    if ally is None:
        raise ValidationError({"holder": "Cette personne ne fait plus partie de votre cercle."})
    start = today()
    mandate.consent_method, mandate.consented_at = method, timezone.now()
    mandate.starts_on, mandate.ends_on = start, mandate_end(mandate.duration, start)
    mandate.delegation = Delegation.objects.create(
        person_id=mandate.person_id,
        ally=ally,
        task=f"Mandat {mandate.reference} : démarches en ligne ({', '.join(mandate.themes)})",
        decided_by=DecidedBy.PERSON,
        person_consented=True,
        revocable=True,
        started_on=start,
        created_by=actor,
    )
    mandate.save()
    audit_procedures(actor, mandate.person_id, f"mandat accordé {mandate.reference}")
    notify(
        person=mandate.person,
        kind=NotificationKind.MANDATE_CREATED,
        text=f"Votre mandat {mandate.reference} est en place jusqu'au {mandate.ends_on:%d/%m/%Y}. "
        "Vous pouvez y mettre fin à tout moment.",
        link="portal:mandates",
    )
    return mandate


@transaction.atomic
def mandate_consent(*, actor: User, mandate: Mandate, method: str = ConsentMethod.SPACE) -> Mandate:
    """The person's explicit consent: confirmed in their own space, or a signed printed mandate recorded
    by its holder or the referent (who keep the paper)."""
    locked = Mandate.objects.select_for_update(of=("self",)).select_related("person", "holder").get(pk=mandate.pk)
    if method == ConsentMethod.SPACE:
        if own_person_id(actor) != locked.person_id:
            raise AccessDenied("Introuvable.")
    elif method == ConsentMethod.PRINTED:
        if actor.pk != locked.holder_id and not is_current_referent(actor, locked.person_id):
            raise AccessDenied("Introuvable.")
    else:
        raise ValidationError({"method": "Dites comment la personne a donné son accord."})
    if mandate_status(locked) != MandateStatus.TO_CONFIRM:
        raise ValidationError({"mandate": "Ce mandat n'attend plus d'accord."})
    return _consent(actor, locked, ConsentMethod(method))


@transaction.atomic
def mandate_refuse(*, actor: User, mandate: Mandate) -> Mandate:
    locked = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if own_person_id(actor) != locked.person_id:
        raise AccessDenied("Introuvable.")
    if mandate_status(locked) != MandateStatus.TO_CONFIRM:
        raise ValidationError({"mandate": "Ce mandat n'attend plus d'accord."})
    locked.refused_at = timezone.now()
    locked.save(update_fields=["refused_at"])
    audit_procedures(actor, locked.person_id, f"mandat refusé {locked.reference}")
    return locked


@transaction.atomic
def mandate_revoke(*, actor: User, mandate: Mandate) -> Mandate:
    """The person ends a mandate in one step (their referent may record it at their request)."""
    locked = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if own_person_id(actor) != locked.person_id and not is_current_referent(actor, locked.person_id):
        raise AccessDenied("Introuvable.")
    if mandate_status(locked) not in (MandateStatus.ACTIVE, MandateStatus.TO_CONFIRM):
        raise ValidationError({"mandate": "Ce mandat n'est plus en cours."})
    now = timezone.now()
    locked.revoked_at, locked.revoked_by = now, actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    if locked.delegation_id is not None:
        Delegation.objects.filter(pk=locked.delegation_id, revoked_on__isnull=True).update(
            revoked_on=today(), revoked_by=actor
        )
    audit_procedures(actor, locked.person_id, f"mandat révoqué {locked.reference}")
    return locked


@transaction.atomic
def mandate_act_record(*, actor: User, person: Person, procedure_code: str, what: str) -> MandateAct:
    """Records an act done for the person under a mandate in force that covers the procedure's theme.

    Refused, with the reason in French, when the mandate is missing, expired, revoked or out of scope.
    """
    procedure = catalogue().procedure(procedure_code)
    what = what.strip()
    errors: dict[str, str] = {}
    if procedure is None:
        errors["procedure_code"] = "Choisissez une démarche dans le catalogue."
    if not what:
        errors["what"] = "Écrivez ce qui a été fait."
    elif len(what) > 300:
        errors["what"] = "Écrivez au plus 300 caractères."
    if errors:
        raise ValidationError(errors)
    assert procedure is not None
    if not may_hold_mandate(actor, person.pk):
        raise ValidationError({"mandate": "Vous n'avez pas de mandat de cette personne."})
    mandates = list(Mandate.objects.select_for_update().filter(person=person, holder=actor).order_by("-created_at"))
    on = today()
    in_force = [m for m in mandates if mandate_status(m, on) == MandateStatus.ACTIVE]
    covering = [m for m in in_force if procedure.theme in m.themes]
    if not covering:
        theme = catalogue().theme(procedure.theme)
        if in_force:
            message = f"Votre mandat ne couvre pas le domaine « {theme.label if theme else procedure.theme} »."
        elif any(mandate_status(m, on) == MandateStatus.REVOKED for m in mandates):
            message = "La personne a mis fin à votre mandat : vous ne pouvez plus agir en son nom."
        elif any(mandate_status(m, on) == MandateStatus.EXPIRED for m in mandates):
            message = "Votre mandat est terminé. Pour le renouveler, il faut de nouveau l'accord de la personne."
        else:
            message = "Vous n'avez pas de mandat de cette personne."
        raise ValidationError({"mandate": message})
    mandate = covering[0]
    act = MandateAct.objects.create(mandate=mandate, procedure_code=procedure.code, what=what, actor=actor)
    audit_procedures(actor, person.pk, f"acte sous mandat {mandate.reference}")
    notify(
        person=person,
        kind=NotificationKind.MANDATE_USED,
        text=f"{actor.first_name} a agi pour vous sous votre mandat : {procedure.label}.",
        link="portal:mandates",
    )
    return act


@transaction.atomic
def mandate_renew(*, actor: User, mandate: Mandate) -> Mandate:
    """Proposes the same mandate again: it needs the person's consent again."""
    return mandate_propose(
        actor=actor,
        person=mandate.person,
        holder=mandate.holder,
        themes=list(mandate.themes),
        duration=mandate.duration,
        renewal_of=mandate,
    )


def mandates_remind(*, on: date | None = None) -> int:
    """Reminds both sides 30 days before a 6-month or 1-year mandate ends (once per mandate)."""
    from alliances.notifications.tasks import send_email

    on = on or today()
    limit = date.fromordinal(on.toordinal() + REMIND_DAYS_BEFORE)
    due = Mandate.objects.filter(
        duration__in=REMINDED_DURATIONS,
        consented_at__isnull=False,
        revoked_at__isnull=True,
        reminded_on__isnull=True,
        ends_on__gte=on,
        ends_on__lte=limit,
    ).select_related("person", "holder")
    count = 0
    for mandate in due:
        with transaction.atomic():
            if Mandate.objects.filter(pk=mandate.pk, reminded_on__isnull=True).update(reminded_on=on) != 1:
                continue
            notify(
                person=mandate.person,
                kind=NotificationKind.MANDATE_ENDING,
                text=f"Votre mandat {mandate.reference} se termine le {mandate.ends_on:%d/%m/%Y}. "
                "Pour le prolonger, il faudra de nouveau votre accord.",
                link="portal:mandates",
            )
            if mandate.holder.email:
                transaction.on_commit(
                    partial(
                        send_email,
                        subject="Un mandat se termine bientôt",
                        body=f"Le mandat {mandate.reference} se termine le {mandate.ends_on:%d/%m/%Y}. "
                        "Son renouvellement demande un nouvel accord de la personne.",
                        to=[mandate.holder.email],
                    )
                )
            count += 1
    return count
