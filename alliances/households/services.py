"""Household writes: composition, housing and monthly incomes. Each is atomic and audited."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import can, can_create_household, household_person_ids, require_on_household
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record_many
from alliances.core.months import add_months
from alliances.core.validation import check_birth_date, first_of_month, parse_amount, today
from alliances.persons.models import Person

from .enums import HousingStatus, IncomeType, MemberRole, MemberSituation
from .models import Household, Housing, Member, MonthlyIncome, commune_code_validator


@dataclass(frozen=True)
class MemberData:
    first_name: str
    last_name: str
    birth_date: date
    role: str
    person_id: int | None = None
    disability_rate: Decimal = Decimal("0")
    situations: Sequence[str] = ()


@dataclass(frozen=True)
class HousingData:
    status: str
    commune_code: str
    rent: Decimal | float | str = Decimal("0")


@dataclass(frozen=True)
class HouseholdData:
    members: Sequence[MemberData]
    housing: HousingData | None = None
    reference: str = ""


def check_composition(roles_and_persons: Iterable[tuple[str, int | None]]) -> None:
    """A household has exactly one applicant, at most one partner, and no person twice."""
    roles: list[str] = []
    seen: set[int] = set()
    for role, person_id in roles_and_persons:
        if role not in MemberRole.values:
            raise ValidationError({"role": "Choisissez la place de la personne dans le foyer parmi la liste."})
        roles.append(role)
        if person_id is not None:
            if person_id in seen:
                raise ValidationError({"person": "Cette personne figure déjà dans le foyer."})
            seen.add(person_id)
    applicants = roles.count(MemberRole.APPLICANT)
    if applicants == 0:
        raise ValidationError({"members": "Le foyer doit compter un demandeur ou une demandeuse."})
    if applicants > 1:
        raise ValidationError({"members": "Un foyer ne compte qu'un seul demandeur ou une seule demandeuse."})
    if roles.count(MemberRole.PARTNER) > 1:
        raise ValidationError({"members": "Un foyer ne compte qu'un seul conjoint ou une seule conjointe."})


def _check_person(actor: User | None, person_id: int, household: Household | None) -> str | None:
    """Why this person's file cannot be linked to this household, or None.

    The actor must be allowed to change the household data of that person: a forbidden person gets
    the very message of a missing one. A person belongs to one household at most (so which household
    they belong to is never ambiguous).
    """
    missing = "Cette personne est introuvable."
    if not Person.objects.filter(pk=person_id).exists():
        return missing
    if actor is not None and not can(actor, Action.CHANGE, person_id, Category.HOUSEHOLD):
        return missing
    elsewhere = Member.objects.filter(person_id=person_id)
    if household is not None:
        elsewhere = elsewhere.exclude(household=household)
    if elsewhere.exists():
        return "Cette personne fait déjà partie d'un autre foyer : retirez-la d'abord de celui-ci."
    return None


def _situations_problem(situations: list[str], role: str) -> str | None:
    if any(s not in MemberSituation.values for s in situations):
        return "Choisissez les situations dans la liste."
    if MemberSituation.ALTERNATING_CUSTODY in situations and role != MemberRole.CHILD:
        return "Seul un enfant peut être en résidence alternée."
    return None


def _clean_member(
    actor: User | None, data: MemberData, household: Household | None = None, linked: int | None = None
) -> dict[str, Any]:
    """Checks a member's data; `linked` is the person already linked to this member (not checked again)."""
    errors: dict[str, str] = {}
    first_name, last_name = data.first_name.strip(), data.last_name.strip()
    if not first_name:
        errors["first_name"] = "Indiquez le prénom."
    if not last_name:
        errors["last_name"] = "Indiquez le nom."
    try:
        check_birth_date(data.birth_date)
    except ValidationError as error:
        errors["birth_date"] = error.message_dict["birth_date"][0]
    rate = Decimal(str(data.disability_rate))
    if rate < 0 or rate > 100:
        errors["disability_rate"] = "Le taux d'incapacité est compris entre 0 et 100 %."
    situations = sorted(set(data.situations))
    if problem := _situations_problem(situations, data.role):
        errors["situations"] = problem
    if data.role == MemberRole.APPLICANT and data.person_id is None:
        errors["person"] = "Le demandeur ou la demandeuse doit avoir un dossier."
    if data.person_id is not None and data.person_id != linked:
        problem = _check_person(actor, data.person_id, household)
        if problem:
            errors["person"] = problem
    if errors:
        raise ValidationError(errors)
    return {
        "first_name": first_name,
        "last_name": last_name,
        "birth_date": data.birth_date,
        "role": data.role,
        "person_id": data.person_id,
        "disability_rate": rate,
        "situations": situations,
    }


def _clean_housing(data: HousingData) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if data.status not in HousingStatus.values:
        errors["status"] = "Choisissez une situation de logement dans la liste."
    try:
        commune_code_validator(data.commune_code)
    except ValidationError as error:
        errors["commune_code"] = error.messages[0]
    else:
        # Refused at entry, with the rights engine's own message, rather than on the Droits tab later.
        from .communes import is_known_commune

        if not is_known_commune(data.commune_code):
            errors["commune_code"] = f"Le code commune INSEE « {data.commune_code} » est inconnu."
    try:
        rent = parse_amount(data.rent, "rent", "Le loyer")
    except ValidationError as error:
        errors.update({key: msgs[0] for key, msgs in error.message_dict.items()})
        rent = Decimal("0")
    if errors:
        raise ValidationError(errors)
    return {"status": data.status, "commune_code": data.commune_code, "rent": rent}


def _audit_household(actor: User | None, household: Household, detail: str) -> None:
    audit_record_many(
        actor=actor,
        person_ids=household_person_ids(household),
        category=Category.HOUSEHOLD,
        action=AuditAction.WRITE,
        detail=f"foyer {household.reference} : {detail}",
    )


def _next_reference() -> str:
    last = Household.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return f"F{last + 1:06d}"


@transaction.atomic
def household_create(*, actor: User | None, data: HouseholdData) -> Household:
    """Creates a household with its members and housing, or nothing at all."""
    if actor is not None and not can_create_household(actor):
        raise ValidationError("Vous ne pouvez pas créer de foyer.")
    check_composition((member.role, member.person_id) for member in data.members)
    members = [_clean_member(actor, member) for member in data.members]
    housing = _clean_housing(data.housing) if data.housing else None
    household = Household.objects.create(reference=data.reference or _next_reference())
    Member.objects.bulk_create([Member(household=household, **member) for member in members])
    if housing:
        Housing.objects.create(household=household, **housing)
    _audit_household(actor, household, "création")
    return household


def _locked(household: Household) -> Household:
    return Household.objects.select_for_update().get(pk=household.pk)


@transaction.atomic
def household_set_housing(*, actor: User, household: Household, data: HousingData) -> Housing:
    require_on_household(actor, Action.CHANGE, household)
    values = _clean_housing(data)
    _locked(household)
    housing, _ = Housing.objects.update_or_create(household=household, defaults=values)
    _audit_household(actor, household, "logement")
    return housing


@transaction.atomic
def household_add_member(*, actor: User, household: Household, data: MemberData) -> Member:
    require_on_household(actor, Action.CHANGE, household)
    _locked(household)
    existing = list(household.members.values_list("role", "person_id"))
    check_composition([*existing, (data.role, data.person_id)])
    values = _clean_member(actor, data, household)
    try:
        with transaction.atomic():
            member = Member.objects.create(household=household, **values)
    except IntegrityError as error:
        raise ValidationError({"members": "Cette composition de foyer n'est pas possible."}) from error
    _audit_household(actor, household, "ajout d'un membre")
    return member


@transaction.atomic
def household_update_member(*, actor: User, member: Member, data: MemberData) -> Member:
    household = member.household
    require_on_household(actor, Action.CHANGE, household)
    _locked(household)
    others = list(household.members.exclude(pk=member.pk).values_list("role", "person_id"))
    check_composition([*others, (data.role, data.person_id)])
    values = _clean_member(actor, data, household, linked=member.person_id)
    for name, value in values.items():
        setattr(member, name, value)
    member.save()  # through save(), so the history keeps the old and new values
    _audit_household(actor, household, "modification d'un membre")
    return member


@transaction.atomic
def household_remove_member(*, actor: User, member: Member, left_on: date | None = None) -> Member:
    """Ends a membership: the member leaves the household from `left_on` (today by default).

    Nothing is erased: the member's row and incomes stay, out of every current calculation, and the
    history records who ended it and when.
    """
    household = member.household
    require_on_household(actor, Action.CHANGE, household)
    _locked(household)
    others = list(household.members.exclude(pk=member.pk).values_list("role", "person_id"))
    check_composition(others)
    member.left_on = left_on or today()
    member.save()
    _audit_household(actor, household, f"départ d'un membre le {member.left_on:%d/%m/%Y} (ressources conservées)")
    return member


@transaction.atomic
def income_set(*, actor: User, member: Member, income_type: str, month: date, amount: object) -> MonthlyIncome | None:
    """Records one member's income of one type for one month (0 is recorded as a declared zero).

    Nothing is deleted or silently overwritten: each change is kept in the income's history.
    """
    require_on_household(actor, Action.CHANGE, member.household)
    if income_type not in IncomeType.values:
        raise ValidationError({"income_type": "Choisissez un type de ressource dans la liste."})
    value = parse_amount(amount, "amount")
    month = first_of_month(month)
    if month.year < 2000 or month > first_of_month(today()).replace(year=today().year + 1):
        raise ValidationError({"month": "Ce mois n'est pas plausible."})
    _audit_household(actor, member.household, f"ressource {income_type} {month:%Y-%m}")
    income, _ = MonthlyIncome.objects.update_or_create(
        member=member, income_type=income_type, month=month, defaults={"amount": value}
    )
    return income


@transaction.atomic
def income_continues(
    *, actor: User, member: Member, income_type: str, months: Sequence[date], amount: object
) -> list[MonthlyIncome]:
    """ "This income continues": the amount assumed stable is recorded for the months it was carried into,
    so the estimate no longer rests on an assumption. All months or none."""
    if not months:
        raise ValidationError({"months": "Aucun mois à enregistrer."})
    return [
        income
        for month in months
        if (income := income_set(actor=actor, member=member, income_type=income_type, month=month, amount=amount))
    ]


@transaction.atomic
def income_stopped(
    *, actor: User, member: Member, income_type: str, ended_on: date, through: date
) -> list[MonthlyIncome]:
    """ "This income ended on D": 0 € is recorded for each month after D up to `through` (the month of D
    too when D is its first day), so the rules for a stopped income apply (RSA's neutralisation)."""
    now = today()
    if ended_on > now:
        raise ValidationError({"ended_on": "Cette date est dans le futur : indiquez le dernier jour de ce revenu."})
    if ended_on.year < 2000:
        raise ValidationError({"ended_on": "Cette date n'est pas plausible."})
    month = first_of_month(ended_on)
    if ended_on.day > 1:
        month = add_months(month, 1)
    through = first_of_month(through)
    if month > through:
        raise ValidationError(
            {"ended_on": "Ce revenu a encore compté ce mois-ci : enregistrez son montant à la place."}
        )
    recorded = []
    while month <= through:
        income = income_set(actor=actor, member=member, income_type=income_type, month=month, amount=Decimal(0))
        if income is not None:
            recorded.append(income)
        month = add_months(month, 1)
    return recorded
