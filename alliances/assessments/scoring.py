"""Sub-scores of the social bonds reading and the cumulative rupture flag. Descriptive only: nothing ranks persons."""

from dataclasses import dataclass

from .instruments import Bond, Instrument


@dataclass(frozen=True)
class BondScore:
    code: str
    label: str
    protection: float | None
    recognition: float | None
    score: float | None
    low: bool


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _bond_score(instrument: Instrument, bond: Bond, values: dict[str, int]) -> BondScore:
    sides: dict[str, list[float]] = {"protection": [], "recognition": []}
    for indicator in bond.indicators:
        if indicator.code not in values:
            continue
        value = values[indicator.code]
        sides[indicator.side].append(instrument.scale_max - value if indicator.reversed else value)
    protection, recognition = _mean(sides["protection"]), _mean(sides["recognition"])
    score = _mean([s for s in (protection, recognition) if s is not None])
    return BondScore(
        code=bond.code,
        label=bond.label,
        protection=protection,
        recognition=recognition,
        score=score,
        low=score is not None and score < instrument.low_threshold,
    )


def bond_scores(instrument: Instrument, values: dict[str, int]) -> list[BondScore]:
    """Per bond: the protection and recognition sub-scores (reversed items turned round) and their mean."""
    return [_bond_score(instrument, bond, values) for bond in instrument.bonds]


def cumulative_rupture(instrument: Instrument, scores: list[BondScore]) -> bool:
    """DESIGN 5.1: two or more bonds are low."""
    return sum(1 for score in scores if score.low) >= instrument.rupture_min_low_bonds
