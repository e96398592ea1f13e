from typing import Any

import pytest

from alliances.core.months import window
from alliances.households.input_format import HouseholdInput, parse_household
from alliances.rights.engine.system import tax_benefit_system


@pytest.fixture(scope="session", autouse=True)
def _warm_tax_benefit_system() -> None:
    tax_benefit_system()  # built once per test session


def monthly(amount: float, month: str, count: int = 12) -> dict[str, float]:
    return dict.fromkeys(window(month, count), amount)


def household(
    month: str,
    *,
    members: list[dict[str, Any]],
    status: str = "tenant",
    rent: float = 0.0,
    commune: str = "35238",
    hid: str = "h1",
    received: dict[str, float] | None = None,
) -> HouseholdInput:
    return parse_household(
        {
            "id": hid,
            "commune": commune,
            "housing": {"status": status, "rent": rent},
            "members": members,
            "received": received or {},
        }
    )


def adult(
    birth: str, role: str = "applicant", salary: float = 0.0, month: str = "2026-11", **extra: Any
) -> dict[str, Any]:
    incomes: dict[str, dict[str, float]] = {}
    if salary:
        incomes["salary_net"] = monthly(salary, month)
    incomes.update(extra.pop("incomes", {}))
    return {"id": f"{role}-{birth}", "role": role, "birth_date": birth, "incomes": incomes, **extra}


def child(birth: str) -> dict[str, Any]:
    return {"id": f"child-{birth}", "role": "child", "birth_date": birth}
