"""Deterministic synthetic households in the rights-check format (for benchmarks)."""

import random

from alliances.core.months import window
from alliances.households.input_format import HouseholdInput, MemberInput

COMMUNES = ["35238", "35238", "35238", "35047", "35051", "75056", "69123", "13055", "59350", "33063"]


def synthetic_households(count: int, month: str, seed: int = 2026, start: int = 0) -> list[HouseholdInput]:
    """Households start..start+count-1 of the synthetic population (each one seeded by its index)."""
    months = window(month, 12)
    households = []
    for index in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + index)
        salary = rng.choice([0, 0, 0, 350, 650, 900, 1300, 1800])
        members = [
            MemberInput(
                f"{index}-a",
                "applicant",
                _birth(rng, 20, 75),
                0.8 if rng.random() < 0.05 else 0.0,
                {"salary_net": dict.fromkeys(months, float(salary))} if salary else {},
            )
        ]
        if rng.random() < 0.35:
            members.append(MemberInput(f"{index}-b", "partner", _birth(rng, 20, 75)))
        for k in range(rng.choices([0, 1, 2, 3, 4], weights=[45, 20, 20, 10, 5])[0]):
            members.append(MemberInput(f"{index}-c{k}", "child", _birth(rng, 0, 17)))
        status = rng.choices(["tenant", "hosted", "owner", "homeless"], weights=[70, 15, 10, 5])[0]
        households.append(
            HouseholdInput(
                id=f"s{index}",
                commune=rng.choice(COMMUNES),
                housing_status=status,
                rent=float(rng.randint(250, 800)) if status == "tenant" else 0.0,
                members=tuple(members),
                received={"rsa": float(rng.choice([0, 0, 573]))},
            )
        )
    return households


def _birth(rng: random.Random, low: int, high: int):  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    return date(2026, 6, 1) - timedelta(days=rng.randint(low * 365 + 1, high * 365 + 300))
