"""Budget simulation: the same households under the current rules and under a variant."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from alliances.households.input_format import HouseholdInput

from .rules import Rules
from .top_up import compute_top_up

#: Bins of the monthly difference per household (variant − current), in euros.
BINS = (
    "perd plus de 200 €",
    "perd 50 à 200 €",
    "perd moins de 50 €",
    "inchangé",
    "gagne moins de 50 €",
    "gagne 50 à 200 €",
    "gagne plus de 200 €",
)


def _bin(delta: Decimal) -> int:
    size = abs(delta)
    if size == 0:
        return 3
    step = 0 if size < 50 else 1 if size <= 200 else 2
    return 4 + step if delta > 0 else 2 - step


@dataclass
class BudgetResult:
    households: int
    current_total: Decimal
    variant_total: Decimal
    current_paid: int
    variant_paid: int
    gainers: int
    losers: int
    unchanged: int
    distribution: list[tuple[str, int]] = field(default_factory=list)

    @property
    def difference(self) -> Decimal:
        return self.variant_total - self.current_total


def simulate_budget(
    households: Sequence[HouseholdInput],
    month: date,
    current: Rules,
    variant: Rules,
    entitled: Sequence[dict[str, float] | None] | None = None,
) -> BudgetResult:
    counts = [0] * len(BINS)
    current_total = variant_total = Decimal(0)
    current_paid = variant_paid = gainers = losers = 0
    for index, household in enumerate(households):
        benefits = entitled[index] if entitled is not None else None
        before = compute_top_up(household, month, current, benefits).top_up
        after = compute_top_up(household, month, variant, benefits).top_up
        current_total += before
        variant_total += after
        current_paid += before > 0
        variant_paid += after > 0
        delta = after - before
        gainers += delta > 0
        losers += delta < 0
        counts[_bin(delta)] += 1
    return BudgetResult(
        households=len(households),
        current_total=current_total,
        variant_total=variant_total,
        current_paid=current_paid,
        variant_paid=variant_paid,
        gainers=gainers,
        losers=losers,
        unchanged=len(households) - gainers - losers,
        distribution=list(zip(BINS, counts, strict=True)),
    )
