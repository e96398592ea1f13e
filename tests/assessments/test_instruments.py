"""The instruments are versioned data files with French labels (DESIGN.md 5.1–5.3)."""

import json
from pathlib import Path

import pytest

from alliances.assessments import instruments
from alliances.assessments.instruments import instrument_codes, instrument_get


def test_the_three_instruments_are_there() -> None:
    assert instrument_codes() == ["hidden_dimensions", "participation_ladder", "social_bonds"]


def test_social_bonds_four_bonds_each_with_protection_recognition_and_4_to_5_indicators() -> None:
    bonds = instrument_get("social_bonds")
    assert bonds is not None and bonds.version == 1
    assert [b.code for b in bonds.bonds] == ["filiation", "elective", "organic", "citizenship"]
    for bond in bonds.bonds:
        assert 4 <= len(bond.indicators) <= 5
        assert {i.side for i in bond.indicators} == {"protection", "recognition"}
        assert bond.protection and bond.recognition
    assert (bonds.scale_min, bonds.scale_max) == (0, 4)
    reversed_items = {i.code for b in bonds.bonds for i in b.indicators if i.reversed}
    assert reversed_items == {"family_conflict", "loneliness", "humiliated"}


def test_hidden_dimensions_nine_dimensions_and_five_factors() -> None:
    dims = instrument_get("hidden_dimensions")
    assert dims is not None
    assert len(dims.dimensions) == 9 and [g for g, _ in dims.groups] == ["core", "relational", "privations"]
    assert [f.code for f in dims.factors] == ["identity", "time", "location", "environment", "beliefs"]
    assert "Dépossession du pouvoir d'agir" in [d.label for d in dims.dimensions]


@pytest.mark.parametrize(
    ("level", "band"), [(1, "low"), (4, "low"), (5, "middle"), (6, "middle"), (7, "high"), (9, "high"), (10, "high")]
)
def test_ladder_bands_are_computed(level: int, band: str) -> None:
    ladder = instrument_get("participation_ladder")
    assert ladder is not None
    assert len(ladder.levels) == 10
    assert ladder.band(level).code == band


def test_a_new_version_is_a_new_file_and_the_latest_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = instruments.DIRECTORY / "participation_ladder.v1.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    (tmp_path / "participation_ladder.v1.json").write_text(json.dumps(data), encoding="utf-8")
    data["version"] = 2
    data["levels"][0]["label"] = "Retrait"
    (tmp_path / "participation_ladder.v2.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(instruments, "DIRECTORY", tmp_path)
    instruments._all_in.cache_clear()
    try:
        assert instrument_get("participation_ladder").level(1).label == "Retrait"  # type: ignore[union-attr]
        assert instrument_get("participation_ladder", 1).level(1).label == "Évitement"  # type: ignore[union-attr]
        assert instrument_get("social_bonds") is None
    finally:
        instruments._all_in.cache_clear()


def test_a_file_whose_version_differs_from_its_name_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads((instruments.DIRECTORY / "participation_ladder.v1.json").read_text(encoding="utf-8"))
    (tmp_path / "participation_ladder.v3.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(instruments, "DIRECTORY", tmp_path)
    instruments._all_in.cache_clear()
    try:
        with pytest.raises(ValueError, match="differs"):
            instrument_get("participation_ladder")
    finally:
        instruments._all_in.cache_clear()
