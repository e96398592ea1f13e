"""The person's access log in plain words: one line per visit, grouped by day (issue 20).

A visit is one request of one account (a page shows several parts of a file: one line, not four), or for
work without a request (a monthly computation), one account's events of the same minute. Each line says
who, in their relation to the person, and what they did, in everyday words.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliances.access.categories import Category
from alliances.accounts.enums import Role
from alliances.core.months import MONTH_NAMES
from alliances.core.sentences import month_said

from .enums import AuditAction
from .models import AuditEvent

#: What each part of the file is, said to the person.
YOUR = {
    Category.IDENTITY: _("votre identité et vos coordonnées"),
    Category.HOUSEHOLD: _("votre foyer et vos ressources"),
    Category.BONDS: _("vos liens et vos évaluations"),
    Category.PLAN: _("vos objectifs"),
    Category.MEETINGS: _("vos rendez-vous"),
    Category.PROCEDURES: _("vos démarches"),
    Category.NOTES: _("votre journal"),
    Category.CONSENT: _("votre cercle et vos partages"),
    Category.AUDIT: _("ce relevé"),
}
#: Who they are for the person.
ROLE_WORDS = {
    Role.REFERENT: _("référent·e"),
    Role.MEDIATOR: _("médiateur·rice"),
    Role.PEER: _("pair"),
    Role.PERSON: _("de votre cercle"),
    Role.PARTNER: _("partenaire"),
    Role.MANAGER: _("cadre du CCAS"),
    Role.OFFICER: _("agent·e du revenu garanti"),
    Role.ADMIN: _("administrateur·rice"),
}
PRIVATE_NOTES = "notes privées"


@dataclass
class Visit:
    at: datetime
    who: str
    did: list[str] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        return f"{self.who} {self._join(self.did)}."

    @staticmethod
    def _join(parts: list[str]) -> str:
        if len(parts) == 1:
            return str(parts[0])
        return gettext("%(list)s et %(last)s") % {"list": ", ".join(str(p) for p in parts[:-1]), "last": parts[-1]}


@dataclass
class Day:
    day: date
    visits: list[Visit]


def _who(event: AuditEvent) -> str:
    actor = event.actor
    if actor is None:
        return gettext("Le CCAS (traitement automatique)")
    role = ROLE_WORDS.get(Role(event.actor_role), "") if event.actor_role in Role.values else ""
    # Persons (a peer) are named by first name only, as everywhere else.
    name = actor.first_name if event.actor_role in (Role.PEER, Role.PERSON) else actor.get_full_name()
    name = name or gettext("Un compte du CCAS")
    return gettext("%(name)s, %(role)s,") % {"name": name, "role": role} if role else name


def _did(events: list[AuditEvent]) -> list[str]:
    read: list[str] = []
    written: list[str] = []
    other: list[str] = []
    for event in events:
        if event.action in (AuditAction.COMPUTE, AuditAction.PAY):
            month = _month(event.detail)
            if event.action == AuditAction.COMPUTE:
                other.append(gettext("a calculé votre revenu garanti %(month)s") % {"month": month})
            else:
                other.append(gettext("a versé votre revenu garanti %(month)s") % {"month": month})
        elif event.category == Category.NOTES and event.detail == PRIVATE_NOTES:
            other.append(gettext("a relu ses propres notes de travail (vous ne les partagez pas)"))
        else:
            words = YOUR.get(event.category, "votre dossier")  # type: ignore[call-overload]
            target = written if event.action == AuditAction.WRITE else read
            if words not in target:
                target.append(words)
    did = list(dict.fromkeys(other))
    if read:
        did.append(gettext("a regardé %(what)s") % {"what": Visit._join(read)})
    if written:
        did.append(gettext("a modifié %(what)s") % {"what": Visit._join(written)})
    return did


_MONTH = re.compile(r"(?:de |d')?(" + "|".join(MONTH_NAMES) + r") (\d{4})")


def _month(detail: str) -> str:
    """The month an audit detail names ("Calcul du revenu garanti d'octobre 2026"), said in the active
    language: "d'octobre 2026" in French, as the detail says it; "for October 2026" in English."""
    found = _MONTH.search(detail)
    return month_said(found.group(0)) if found is not None else ""


def access_days(*, person_id: int, exclude_actor_id: int | None = None, limit: int = 1000) -> list[Day]:
    """The latest visits to the person's file, newest first, grouped by day."""
    events = AuditEvent.objects.filter(person_id=person_id)
    if exclude_actor_id is not None:
        events = events.exclude(actor_id=exclude_actor_id)
    rows = list(events.select_related("actor").order_by("-occurred_at", "-id")[:limit])

    def key(event: AuditEvent) -> tuple[object, ...]:
        when = timezone.localtime(event.occurred_at)
        visit = event.request_id if event.request_id and event.request_id != "-" else when.strftime("%Y%m%d%H%M")
        return (event.actor_id, visit)

    grouped: dict[tuple[object, ...], list[AuditEvent]] = {}
    for event in rows:  # newest first; a dict keeps that order
        grouped.setdefault(key(event), []).append(event)
    visits = [
        Visit(at=timezone.localtime(events[0].occurred_at), who=_who(events[0]), did=_did(events))
        for events in grouped.values()
    ]
    return [Day(day=day, visits=list(group)) for day, group in groupby(visits, key=lambda v: v.at.date())]
