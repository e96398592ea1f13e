from datetime import date
from decimal import Decimal

from ninja import Schema
from pydantic import ConfigDict, Field

from alliances.households.enums import HousingStatus, IncomeType, MemberRole, MemberSituation

from .params import Day, Id, Month


class PersonSummaryOut(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int
    name: str
    last_name: str | None = None
    first_names: str | None = None
    preferred_name: str | None = None
    birth_date: date | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    languages: str | None = None
    accessibility_needs: str | None = None
    preferred_channel: str | None = None
    household_id: int | None = None
    shared_categories: list[str]


class HousingSchema(Schema):
    model_config = ConfigDict(extra="forbid")
    status: HousingStatus
    rent: Decimal = Field(default=Decimal("0"), ge=0)
    commune_code: str = Field(pattern=r"^(\d{5}|2[AB]\d{3})$")


class MemberIn(Schema):
    model_config = ConfigDict(extra="forbid")
    first_name: str = Field(min_length=1, max_length=150)
    last_name: str = Field(min_length=1, max_length=150)
    birth_date: Day
    role: MemberRole
    person_id: Id | None = None
    disability_rate: Decimal = Field(default=Decimal("0"), ge=0, le=100)
    situations: list[MemberSituation] = Field(default_factory=list, max_length=4)


class MemberOut(Schema):
    id: int
    person_id: int | None
    first_name: str
    last_name: str
    birth_date: date
    role: str
    disability_rate: Decimal
    situations: list[str]
    incomes: dict[str, dict[str, Decimal]]


class HouseholdIn(Schema):
    model_config = ConfigDict(extra="forbid")
    members: list[MemberIn]
    housing: HousingSchema | None = None


class IncomeIn(Schema):
    model_config = ConfigDict(extra="forbid")
    member_id: Id
    income_type: IncomeType
    month: Month
    amount: Decimal = Field(ge=0)


class HouseholdPatch(Schema):
    model_config = ConfigDict(extra="forbid")
    housing: HousingSchema | None = None
    add_members: list[MemberIn] = []
    incomes: list[IncomeIn] = []


class HouseholdOut(Schema):
    id: int
    reference: str
    members: list[MemberOut]
    housing: HousingSchema | None


class ErrorOut(Schema):
    """Every error of the API: a message in French."""

    detail: str = Field(description="Message en français.")


class ValidationErrorOut(ErrorOut):
    """A 422: the message, and one or more messages for each field at fault (`__all__` for the whole)."""

    errors: dict[str, list[str]] = Field(description="Champ en faute → messages en français.")
