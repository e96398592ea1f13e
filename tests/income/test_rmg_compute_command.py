import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from alliances.income.models import SchemeRule


def run(path: Path, month: str = "2026-11") -> tuple[dict, int]:
    out = StringIO()
    try:
        call_command("rmg_compute", str(path), "--month", month, stdout=out)
    except SystemExit as exit_:
        return json.loads(out.getvalue()), int(exit_.code or 0)
    return json.loads(out.getvalue()), 0


COUPLE = {
    "id": "c1",
    "commune": "35238",
    "enrolled": True,
    "housing": {"status": "tenant", "rent": 500},
    "members": [
        {"id": "a", "role": "applicant", "birth_date": "1980-01-01", "incomes": {"salary_net": {"2026-11": 900.0}}},
        {"id": "b", "role": "partner", "birth_date": "1982-01-01"},
    ],
}


def test_prints_the_issue_format_and_saves_nothing(db: None, tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps([COUPLE, {**COUPLE, "id": "c2", "enrolled": False}]))
    rules_before = SchemeRule.objects.count()
    document, code = run(path)
    assert code == 0
    assert document["results"][0] == {
        "id": "c1",
        "consumption_units": 1.5,
        "guaranteed": 1300.5,
        "resources": 900.0,
        "top_up": 400.5,
        "paid": True,
        "breakdown": document["results"][0]["breakdown"],
    }
    assert document["results"][1]["top_up"] == 0.0 and document["results"][1]["paid"] is False
    assert document["total"] == 400.5
    assert SchemeRule.objects.count() == rules_before


def test_bad_input(db: None, tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    path.write_text(
        json.dumps(COUPLE)
        + "\n"
        + json.dumps({**COUPLE, "id": "x", "members": [{"id": "k", "role": "child", "birth_date": "2015-01-01"}]})
        + "\n"
    )
    document, code = run(path)
    assert code == 1 and document["errors"][0]["id"] == "x" and "demandeur" in document["errors"][0]["message"]
    assert document["results"][0]["top_up"] == 400.5
    with pytest.raises(CommandError, match="mois valide"):
        call_command("rmg_compute", str(path), "--month", "2026-00")
    with pytest.raises(CommandError, match="Aucune valeur"):
        call_command("rmg_compute", str(path), "--month", "2019-01")
