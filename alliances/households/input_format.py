"""The household format shared by the rights engine, the guaranteed income, the CLI, the API and the batch jobs,
and its validation (pure Python: no database, no Django).

A household is a JSON object (see README, "Household format"). Parsing checks everything and raises
HouseholdError naming the field, in French; nothing is computed for an invalid household.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from alliances.core.months import parse_month

from .communes import is_known_commune

ROLES = ("applicant", "partner", "child", "other")
HOUSING_STATUSES = ("tenant", "owner", "hosted", "homeless", "other")
INCOME_TYPES = (
    "salary_net",
    "unemployment",
    "pension",
    "child_support",
    # Higher-education grant (bourse de l'enseignement supérieur): the member counts as "boursier".
    "student_grant",
    # A micro-entrepreneur's monthly turnover (chiffre d'affaires), by kind of activity: sales (achat-revente),
    # services (BIC), liberal professions (BNC). OpenFisca takes the profit with the tax flat-rate allowance.
    "self_employed_sales",
    "self_employed_services",
    "self_employed_liberal",
)
#: Optional member situations (true or false): whether each is allowed for a role, and its name in messages.
MEMBER_FLAGS = ("student", "apprentice", "pregnant", "alternating_custody")
RECEIVED_BENEFITS = ("rsa", "ppa", "aide_logement", "af", "asf", "aah", "aspa")


class HouseholdError(ValueError):
    """An invalid household: `field` names where (e.g. members[1].birth_date)."""

    def __init__(self, household_id: str, field: str, message: str) -> None:
        super().__init__(f"{household_id}: {field}: {message}")
        self.household_id = household_id
        self.field = field
        self.message = message


@dataclass(frozen=True)
class MemberInput:
    id: str
    role: str
    birth_date: date
    disability_rate: float = 0.0
    #: income type → month 'YYYY-MM' → net monthly amount
    incomes: dict[str, dict[str, float]] = field(default_factory=dict)
    #: a student (higher education or secondary school), an apprentice, a pregnancy
    student: bool = False
    apprentice: bool = False
    pregnant: bool = False
    #: a child in alternating custody (résidence alternée): family benefits are shared between the parents
    alternating_custody: bool = False


@dataclass(frozen=True)
class HouseholdInput:
    id: str
    commune: str
    housing_status: str
    rent: float
    members: tuple[MemberInput, ...]
    received: dict[str, float] = field(default_factory=dict)
    enrolled: bool = False

    @property
    def applicant(self) -> MemberInput:
        return next(member for member in self.members if member.role == "applicant")


def _amount(household_id: str, field_name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise HouseholdError(household_id, field_name, "Un montant en euros est attendu (nombre).")
    if value != value or value in (float("inf"), float("-inf")):
        raise HouseholdError(household_id, field_name, "Ce montant n'est pas un nombre valide.")
    if value < 0:
        raise HouseholdError(household_id, field_name, "Un montant ne peut pas être négatif.")
    return float(value)


def _date(household_id: str, field_name: str, value: Any, today: date) -> date:
    try:
        parsed = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise HouseholdError(household_id, field_name, f"« {value} » n'est pas une date possible (AAAA-MM-JJ).")
    if parsed > today:
        raise HouseholdError(household_id, field_name, "La date de naissance ne peut pas être dans le futur.")
    if parsed.year < 1900:
        raise HouseholdError(household_id, field_name, "La date de naissance doit être postérieure à 1900.")
    return parsed


def _flags(household_id: str, where: str, raw: dict[str, Any], role: str) -> dict[str, bool]:
    flags: dict[str, bool] = {}
    for name in MEMBER_FLAGS:
        value = raw.get(name, False)
        if not isinstance(value, bool):
            raise HouseholdError(household_id, f"{where}.{name}", "Une valeur vrai ou faux est attendue (true/false).")
        flags[name] = value
    if flags["alternating_custody"] and role != "child":
        raise HouseholdError(
            household_id, f"{where}.alternating_custody", "Seul un enfant peut être en résidence alternée."
        )
    return flags


FRANCE = ZoneInfo("Europe/Paris")


def france_today() -> date:
    """Today in France (the engine runs without Django's settings; a server's clock is often UTC)."""
    return datetime.now(FRANCE).date()


def parse_household(data: Any, *, today: date | None = None) -> HouseholdInput:
    """Validates one household object and returns it typed. Raises HouseholdError."""
    today = today or france_today()
    if not isinstance(data, dict):
        raise HouseholdError("?", "household", "Un foyer est un objet JSON.")
    household_id = str(data.get("id") or "").strip()
    if not household_id:
        raise HouseholdError("?", "id", "Chaque foyer doit avoir un identifiant (« id »).")
    commune = str(data.get("commune") or "")
    if not is_known_commune(commune):
        raise HouseholdError(household_id, "commune", f"Le code commune INSEE « {commune} » est inconnu.")
    status, rent = _housing(household_id, data.get("housing") or {})
    members = _members(household_id, data.get("members"), today)
    return HouseholdInput(
        id=household_id,
        commune=commune,
        housing_status=status,
        rent=rent,
        members=members,
        received=_received(household_id, data.get("received") or {}),
        enrolled=bool(data.get("enrolled", False)),
    )


def _housing(household_id: str, housing: Any) -> tuple[str, float]:
    if not isinstance(housing, dict):
        raise HouseholdError(household_id, "housing", "Le logement est un objet JSON.")
    status = housing.get("status", "other")
    if status not in HOUSING_STATUSES:
        raise HouseholdError(household_id, "housing.status", f"Situation de logement inconnue : « {status} ».")
    return status, _amount(household_id, "housing.rent", housing.get("rent", 0.0))


def _members(household_id: str, raw_members: Any, today: date) -> tuple[MemberInput, ...]:
    if not isinstance(raw_members, list) or not raw_members:
        raise HouseholdError(household_id, "members", "Le foyer doit compter au moins une personne.")
    members: list[MemberInput] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_members):
        members.append(_member(household_id, index, raw, today, seen))
    roles = [member.role for member in members]
    if roles.count("applicant") != 1:
        message = (
            "Le foyer doit compter un demandeur (« applicant »)."
            if "applicant" not in roles
            else "Un foyer ne compte qu'un seul demandeur."
        )
        raise HouseholdError(household_id, "members", message)
    if roles.count("partner") > 1:
        raise HouseholdError(household_id, "members", "Un foyer ne compte qu'un seul conjoint (« partner »).")
    return tuple(members)


def _member(household_id: str, index: int, raw: Any, today: date, seen: set[str]) -> MemberInput:
    where = f"members[{index}]"
    if not isinstance(raw, dict):
        raise HouseholdError(household_id, where, "Chaque membre est un objet JSON.")
    member_id = str(raw.get("id") or f"{household_id}-{index}")
    if member_id in seen:
        raise HouseholdError(household_id, f"{where}.id", f"L'identifiant « {member_id} » figure deux fois.")
    seen.add(member_id)
    role = raw.get("role")
    if role not in ROLES:
        raise HouseholdError(household_id, f"{where}.role", f"Place dans le foyer inconnue : « {role} ».")
    birth_date = _date(household_id, f"{where}.birth_date", raw.get("birth_date"), today)
    rate = _amount(household_id, f"{where}.disability_rate", raw.get("disability_rate", 0.0))
    if rate > 100:
        raise HouseholdError(household_id, f"{where}.disability_rate", "Le taux d'incapacité va de 0 à 100.")
    incomes = _incomes(household_id, f"{where}.incomes", raw.get("incomes") or {})
    flags = _flags(household_id, where, raw, role)
    # A disability rate above 1 is a percentage (80); at most 1 it is a fraction (0.8).
    return MemberInput(member_id, role, birth_date, rate / 100 if rate > 1 else rate, incomes, **flags)


def _incomes(household_id: str, where: str, raw_incomes: Any) -> dict[str, dict[str, float]]:
    if not isinstance(raw_incomes, dict):
        raise HouseholdError(household_id, where, "Les ressources sont un objet JSON.")
    incomes: dict[str, dict[str, float]] = {}
    for income_type, by_month in raw_incomes.items():
        if income_type not in INCOME_TYPES:
            raise HouseholdError(household_id, where, f"Type de ressource inconnu : « {income_type} ».")
        if not isinstance(by_month, dict):
            raise HouseholdError(household_id, f"{where}.{income_type}", "Un objet {mois: montant}.")
        incomes[income_type] = {}
        for month, amount in by_month.items():
            try:
                parse_month(month)
            except ValueError as error:
                raise HouseholdError(household_id, f"{where}.{income_type}", str(error)) from error
            incomes[income_type][month] = _amount(household_id, f"{where}.{income_type}.{month}", amount)
    return incomes


def _received(household_id: str, raw_received: Any) -> dict[str, float]:
    if not isinstance(raw_received, dict):
        raise HouseholdError(household_id, "received", "Les prestations reçues sont un objet JSON.")
    received: dict[str, float] = {}
    for benefit, amount in raw_received.items():
        if benefit not in RECEIVED_BENEFITS:
            raise HouseholdError(household_id, "received", f"Prestation inconnue : « {benefit} ».")
        received[benefit] = _amount(household_id, f"received.{benefit}", amount)
    return received
