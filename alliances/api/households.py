from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from ninja import Router, Status

from alliances.access.policy import AccessDenied, can_create_household
from alliances.accounts.requests import AuthenticatedRequest
from alliances.households.models import Household, MonthlyIncome
from alliances.households.selectors import household_get, member_get
from alliances.households.services import (
    HouseholdData,
    HousingData,
    MemberData,
    household_add_member,
    household_create,
    household_set_housing,
    income_set,
)

from .params import Id
from .schemas import ErrorOut, HouseholdIn, HouseholdOut, HouseholdPatch, HousingSchema, MemberIn

router = Router(tags=["Foyers"])


def _out(household: Household) -> dict[str, object]:
    incomes: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for income in MonthlyIncome.objects.filter(member__household=household, member__left_on__isnull=True).order_by(
        "month"
    ):
        incomes[income.member_id][income.income_type][f"{income.month:%Y-%m}"] = income.amount
    housing = getattr(household, "housing", None)
    return {
        "id": household.pk,
        "reference": household.reference,
        "housing": {"status": housing.status, "rent": housing.rent, "commune_code": housing.commune_code}
        if housing
        else None,
        "members": [
            {
                "id": m.pk,
                "person_id": m.person_id,
                "first_name": m.first_name,
                "last_name": m.last_name,
                "birth_date": m.birth_date,
                "role": m.role,
                "disability_rate": m.disability_rate,
                "situations": m.situations,
                "incomes": {k: dict(v) for k, v in incomes[m.pk].items()},
            }
            for m in household.members.all()
        ],
    }


def _member(data: MemberIn) -> MemberData:
    return MemberData(
        first_name=data.first_name,
        last_name=data.last_name,
        birth_date=data.birth_date,
        role=data.role,
        person_id=data.person_id,
        disability_rate=data.disability_rate,
        situations=[str(s) for s in data.situations],
    )


def _housing(data: HousingSchema) -> HousingData:
    return HousingData(status=data.status, commune_code=data.commune_code, rent=data.rent)


@router.get("/households/{household_id}", response=HouseholdOut, summary="Lire un foyer")
def read_household(request: AuthenticatedRequest, household_id: Id) -> Status[Any]:
    household = household_get(actor=request.user, household_id=household_id)
    return Status(200, _out(household))


@router.post("/households", response={201: HouseholdOut, 404: ErrorOut}, summary="Créer un foyer")
def create_household(request: AuthenticatedRequest, payload: HouseholdIn) -> Status[Any]:
    actor = request.user
    if not can_create_household(actor):
        raise AccessDenied
    household = household_create(
        actor=actor,
        data=HouseholdData(
            members=[_member(m) for m in payload.members],
            housing=_housing(payload.housing) if payload.housing else None,
        ),
    )
    return Status(201, _out(household_get(actor=actor, household_id=household.pk)))


@router.patch(
    "/households/{household_id}",
    response=HouseholdOut,
    summary="Modifier un foyer",
)
def update_household(request: AuthenticatedRequest, household_id: Id, payload: HouseholdPatch) -> Status[Any]:
    """Changes housing, adds members and records incomes, all or nothing."""
    actor = request.user
    household = household_get(actor=actor, household_id=household_id)
    with transaction.atomic():
        if payload.housing is not None:
            household_set_housing(actor=actor, household=household, data=_housing(payload.housing))
        for member in payload.add_members:
            household_add_member(actor=actor, household=household, data=_member(member))
        for income in payload.incomes:
            target = member_get(actor=actor, household=household, member_id=income.member_id)
            year, month = (int(part) for part in income.month.split("-"))
            income_set(
                actor=actor,
                member=target,
                income_type=income.income_type,
                month=date(year, month, 1),
                amount=income.amount,
            )
    return Status(200, _out(household_get(actor=actor, household_id=household_id)))
