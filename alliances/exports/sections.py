"""What a person's data export holds: every section her space shows, each field named in French.

One list decides (`SECTIONS`): each section says which rows are hers and which fields leave, so the
JSON and its documentation (`LISEZ-MOI.txt`) come from the same place. Workers' private notes are
never in it (they are their author's); bank details leave with their last four characters only.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet

from alliances.persons.models import Person
from alliances.persons.services import IDENTITY_FIELDS


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str
    model: type[models.Model]
    rows: Callable[[Person], QuerySet[Any]]
    #: Fields that leave, in this order; a user field leaves as the person's full name.
    fields: tuple[str, ...]
    masked: frozenset[str] = field(default_factory=frozenset)


def _household_id(person: Person) -> int | None:
    from alliances.households.models import Member

    return Member.objects.filter(person=person).values_list("household_id", flat=True).first()


def _sections() -> list[Section]:
    from alliances.assessments.models import Reading
    from alliances.circles.models import Ally, Interaction
    from alliances.consent.models import SharingChange
    from alliances.goals.models import Delegation, Goal, GoalAction
    from alliances.households.models import Housing, Member, MonthlyIncome
    from alliances.income.models import Entitlement, Payment
    from alliances.meetings.models import Meeting
    from alliances.notifications.models import Notification
    from alliances.persons.models import FileRequest
    from alliances.rights.models import Procedure, ProcedureStep

    def household(queryset: Callable[[int], QuerySet[Any]]) -> Callable[[Person], QuerySet[Any]]:
        def rows(person: Person) -> QuerySet[Any]:
            household_id = _household_id(person)
            return queryset(household_id) if household_id is not None else queryset(0).none()

        return rows

    return [
        Section(
            "identite",
            "Mon identité et mes coordonnées",
            "Ce que le CCAS sait de vous pour vous reconnaître et vous joindre.",
            Person,
            lambda p: Person.objects.filter(pk=p.pk),
            IDENTITY_FIELDS,
        ),
        Section(
            "foyer",
            "Mon foyer",
            "Les personnes de votre foyer, telles que le CCAS les connaît.",
            Member,
            household(lambda h: Member.with_former.filter(household_id=h).order_by("pk")),
            ("first_name", "last_name", "birth_date", "role", "situations", "left_on"),
        ),
        Section(
            "logement",
            "Mon logement",
            "Votre logement et son coût.",
            Housing,
            household(lambda h: Housing.objects.filter(household_id=h)),
            ("status", "rent", "commune_code"),
        ),
        Section(
            "ressources",
            "Mes ressources",
            "Les ressources déclarées pour chaque mois, par personne du foyer.",
            MonthlyIncome,
            household(lambda h: MonthlyIncome.objects.filter(member__household_id=h).order_by("month", "pk")),
            ("member", "month", "income_type", "amount"),
        ),
        Section(
            "revenu_garanti",
            "Mon revenu garanti",
            "Chaque mois calculé : le niveau garanti, les ressources comptées, le complément et son détail.",
            Entitlement,
            household(lambda h: Entitlement.objects.filter(household_id=h).order_by("month")),
            ("month", "eligible", "consumption_units", "guaranteed", "resources", "amount", "breakdown"),
        ),
        Section(
            "versements",
            "Mes versements",
            "Chaque virement du revenu garanti. Le compte bancaire n'apparaît que par ses 4 derniers caractères.",
            Payment,
            household(lambda h: Payment.objects.filter(entitlement__household_id=h).order_by("pk")),
            ("entitlement", "amount", "corrections_total", "iban", "account_holder", "created_at"),
            masked=frozenset({"iban"}),
        ),
        Section(
            "cercle",
            "Mon cercle",
            "Les personnes qui vous accompagnent, d'hier et d'aujourd'hui.",
            Ally,
            lambda p: Ally.objects.filter(person=p).order_by("started_on", "pk"),
            ("user", "role", "started_on", "ended_on", "note", "link_types"),
        ),
        Section(
            "partages",
            "Ce que j'ai partagé",
            "Chaque partage accordé ou retiré, avec sa date.",
            SharingChange,
            lambda p: SharingChange.objects.filter(person=p).order_by("changed_at", "pk"),
            ("ally", "category", "granted", "changed_by", "changed_at"),
        ),
        Section(
            "journal",
            "Mon journal",
            "Ce qui s'est passé dans votre accompagnement, et ce que vous y avez écrit.",
            Interaction,
            lambda p: Interaction.objects.filter(person=p).order_by("occurred_on", "pk"),
            ("occurred_on", "kind", "summary", "bond", "link_types", "person_took_part", "author"),
        ),
        Section(
            "lectures",
            "Mes liens, mes difficultés cachées, ma participation",
            "Chaque lecture, la vôtre et celle de votre référent·e, avec vos mots.",
            Reading,
            lambda p: Reading.objects.filter(person=p).order_by("taken_on", "pk"),
            ("instrument", "side", "taken_on", "together", "values", "words", "comment", "author"),
        ),
        Section(
            "objectifs",
            "Mes objectifs",
            "Vos objectifs, avec vos mots.",
            Goal,
            lambda p: Goal.objects.filter(person=p).order_by("created_at", "pk"),
            ("text", "bond", "proposed_by", "status", "created_at", "closed_on"),
        ),
        Section(
            "actions",
            "Les actions de mes objectifs",
            "Ce qui est prévu pour chaque objectif, et qui le fait.",
            GoalAction,
            lambda p: GoalAction.objects.filter(goal__person=p).order_by("created_at", "pk"),
            ("goal", "text", "doer", "due_on", "status", "link_type"),
        ),
        Section(
            "delegations",
            "Ce que j'ai confié",
            "Les tâches que vous avez confiées à une personne de votre cercle.",
            Delegation,
            lambda p: Delegation.objects.filter(person=p).order_by("started_on", "pk"),
            ("ally", "task", "decided_by", "person_consented", "started_on", "revoked_on"),
        ),
        Section(
            "rendez_vous",
            "Mes rendez-vous",
            "Vos rendez-vous : proposés, acceptés, déplacés, annulés ou tenus.",
            Meeting,
            lambda p: Meeting.objects.filter(person=p).order_by("created_at", "pk"),
            ("worker", "status", "starts_at", "ends_at", "place_kind", "place_text", "reason", "created_at"),
        ),
        Section(
            "demarches",
            "Mes démarches",
            "Vos démarches pour vos droits, et qui vous aide.",
            Procedure,
            lambda p: Procedure.objects.filter(person=p).order_by("created_at", "pk"),
            ("benefit", "state", "helper", "estimated_amount", "deadline", "created_at"),
        ),
        Section(
            "etapes",
            "Les étapes de mes démarches",
            "Chaque étape franchie, avec sa date.",
            ProcedureStep,
            lambda p: ProcedureStep.objects.filter(procedure__person=p).order_by("occurred_on", "pk"),
            ("procedure", "from_state", "to_state", "occurred_on", "note"),
        ),
        Section(
            "demandes",
            "Mes demandes",
            "Ce que vous avez signalé ou demandé, et la réponse.",
            FileRequest,
            lambda p: FileRequest.objects.filter(person=p).order_by("created_at", "pk"),
            ("kind", "topic", "text", "status", "answer", "created_at", "answered_at"),
        ),
        Section(
            "messages",
            "Mes messages",
            "Les messages que la plateforme vous a envoyés.",
            Notification,
            lambda p: Notification.objects.filter(person=p).order_by("created_at", "pk"),
            ("kind", "text", "channel", "created_at", "sent_at", "read_at"),
        ),
    ]


SECTIONS: list[Section] = []


def sections() -> list[Section]:
    if not SECTIONS:
        SECTIONS.extend(_sections())
    return SECTIONS


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _value(obj: models.Model, name: str, masked: frozenset[str]) -> Any:
    model_field = obj._meta.get_field(name)
    if isinstance(model_field, models.ForeignKey):
        related = getattr(obj, name)
        if related is None:
            return None
        if hasattr(related, "get_full_name"):
            return related.get_full_name() or "—"
        return str(related)
    value = getattr(obj, name)
    if name in masked and value:
        return "…" + str(value)[-4:]
    if getattr(model_field, "choices", None) and value not in (None, ""):
        return str(getattr(obj, f"get_{name}_display")())
    return _plain(value)


def rows_of(section: Section, person: Person) -> list[dict[str, Any]]:
    return [{name: _value(obj, name, section.masked) for name in section.fields} for obj in section.rows(person)]


def documentation() -> Iterable[tuple[Section, list[tuple[str, str]]]]:
    """Each section with its fields and what each one means (the models' own French labels)."""
    for section in sections():
        meta = section.model._meta
        yield section, [(name, str(getattr(meta.get_field(name), "verbose_name", name))) for name in section.fields]
