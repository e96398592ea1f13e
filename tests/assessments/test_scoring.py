"""Bond sub-scores, computed by hand; the cumulative rupture flag. No risk score anywhere."""

from pathlib import Path

from alliances.assessments.instruments import instrument_get
from alliances.assessments.scoring import bond_scores, cumulative_rupture

BONDS = instrument_get("social_bonds")
assert BONDS is not None


def _scores(values: dict[str, int]) -> dict[str, tuple[float | None, float | None, float | None, bool]]:
    return {s.code: (s.protection, s.recognition, s.score, s.low) for s in bond_scores(BONDS, values)}  # type: ignore[arg-type]


def test_sub_scores_by_hand_with_reversed_items() -> None:
    # Filiation: protection (3 + 1) / 2 = 2; recognition (2, 4, conflict 3 → 4 - 3 = 1) / 3 = 2.33; mean 2.17.
    values = {"family_crisis_call": 3, "family_contact": 1, "family_help": 2, "family_counts": 4, "family_conflict": 3}
    assert _scores(values)["filiation"] == (2.0, 2.33, 2.17, False)


def test_unanswered_items_are_left_out_not_counted_as_zero() -> None:
    scores = _scores({"friends_count_on": 4})
    assert scores["elective"] == (4.0, None, 4.0, False)
    assert scores["organic"] == (None, None, None, False)


def test_cumulative_rupture_needs_two_low_bonds() -> None:
    assert BONDS is not None
    one_low = bond_scores(BONDS, {"activity": 0, "feels_useful": 1, "family_crisis_call": 4})
    assert [s.code for s in one_low if s.low] == ["organic"]
    assert not cumulative_rupture(BONDS, one_low)
    two_low = bond_scores(BONDS, {"activity": 0, "feels_useful": 1, "papers_valid": 1, "humiliated": 4})
    assert [s.code for s in two_low if s.low] == ["organic", "citizenship"]
    assert cumulative_rupture(BONDS, two_low)


def test_the_threshold_is_strict() -> None:
    # 1.5 is the threshold: a bond at exactly 1.5 is not low.
    assert _scores({"activity": 1, "feels_useful": 2})["organic"] == (1.0, 2.0, 1.5, False)


def test_no_risk_score_anywhere_in_code_or_pages() -> None:
    """The only mention allowed is the sentence saying there is none."""
    root = Path(__file__).resolve().parents[2] / "alliances"
    offenders = []
    for path in root.rglob("*"):
        if path.suffix not in {".py", ".html", ".json"}:
            continue
        text = path.read_text(encoding="utf-8").lower().replace("pas de « score de risque »", "")
        if "risk_score" in text or "score de risque" in text or "risk score" in text:
            offenders.append(str(path))
    assert offenders == []
