import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ..conftest import World

ISSUE_EXAMPLE = {
    "id": "h1",
    "commune": "35238",
    "housing": {"status": "tenant", "rent": 450.0},
    "members": [
        {
            "id": "p1",
            "role": "applicant",
            "birth_date": "1991-03-02",
            "disability_rate": 0.0,
            "incomes": {
                "salary_net": {"2026-08": 0.0, "2026-09": 0.0, "2026-10": 0.0},
                "unemployment": {},
                "pension": {},
                "child_support": {},
            },
        }
    ],
    "received": {"rsa": 0.0, "ppa": 0.0, "aide_logement": 0.0},
}


def run(*args: str) -> tuple[dict, int]:
    out = StringIO()
    code = 0
    try:
        call_command("rights_check", *args, stdout=out)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return json.loads(out.getvalue()), code


def test_one_household_as_in_the_issue(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ISSUE_EXAMPLE))
    document, code = run(str(path), "--month", "2026-11")
    assert code == 0
    assert document["month"] == "2026-11"
    result = document["results"][0]
    assert result["benefits"] == {
        "rsa": 573.49,
        "ppa": 0.0,
        "aide_logement": 308.0,
        "af": 0.0,
        "asf": 0.0,
        "aah": 0.0,
        "aspa": 0.0,
        "css": "gratuite",
    }
    assert result["non_take_up"] == {"rsa": 573.49, "aide_logement": 308.0}
    assert "573,49 €" in result["explanations"]["rsa"]


def test_array_and_json_lines_with_one_bad_household(tmp_path: Path) -> None:
    received = {**ISSUE_EXAMPLE, "id": "h2", "received": {"rsa": 573.49, "aide_logement": 308.0}}
    bad = {**ISSUE_EXAMPLE, "id": "bad", "commune": "00000"}
    as_array = tmp_path / "array.json"
    as_array.write_text(json.dumps([ISSUE_EXAMPLE, bad, received]))
    as_lines = tmp_path / "lines.jsonl"
    as_lines.write_text("\n".join(json.dumps(h) for h in (ISSUE_EXAMPLE, bad, received)) + "\n{oops\n")
    for path in (as_array, as_lines):
        document, code = run(str(path), "--month", "2026-11")
        assert code == 1
        assert [r["id"] for r in document["results"]] == ["h1", "h2"]
        assert document["results"][1]["non_take_up"] == {}
        assert {"id": "bad", "field": "commune", "message": "Le code commune INSEE « 00000 » est inconnu."} in (
            document["errors"]
        )
    assert any("JSON invalide" in e["message"] for e in document["errors"])


def test_bad_month_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="mois valide"):
        call_command("rights_check", str(tmp_path / "x.json"), "--month", "2026-13")
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("rights_check", str(tmp_path / "missing.json"), "--month", "2026-11")


def test_stored_households(world: World) -> None:
    document, code = run("--all", "--month", "2026-11")
    assert code == 0
    assert world.household.reference in {r["id"] for r in document["results"]}
    assert len(document["results"]) == 2  # Camille's household and Dominique's
    mine = next(r for r in document["results"] if r["id"] == world.household.reference)
    assert mine["benefits"]["rsa"] > 0
    document, _ = run("--household-ids", str(world.household.pk), "--month", "2026-11")
    assert [r["id"] for r in document["results"]] == [world.household.reference]
    with pytest.raises(CommandError, match="introuvables"):
        call_command("rights_check", "--household-ids", "999999", "--month", "2026-11")
