"""The guaranteed income is unconditional by construction: the income package never imports code about
meetings, assessments, participation or the alliance."""

import ast
import subprocess
import sys
from pathlib import Path

import alliances.income

FORBIDDEN = (
    "alliances.meetings",
    "alliances.assessments",
    "alliances.participation",
    "alliances.circles",
    "alliances.instruments",
    "alliances.readings",
    "alliances.goals",
)
PACKAGE = Path(alliances.income.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: resolve against the file's package
                parts = path.relative_to(PACKAGE.parent.parent).with_suffix("").parts[: -node.level]
                module = ".".join([*parts, module]) if module else ".".join(parts)
            names.add(module)
    return names


def test_no_module_of_the_income_package_imports_the_forbidden_ones() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE.parent.parent)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in _imports(path)
        if name.startswith(FORBIDDEN)
    }
    assert not offenders, sorted(offenders)


def test_the_computation_does_not_even_load_them() -> None:
    code = (
        "import sys; import alliances.income.engine.top_up, alliances.income.engine.rules; "
        f"print([m for m in sys.modules if m.startswith({FORBIDDEN!r})])"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent.parent
    ).stdout.strip()
    assert output == "[]"


def test_the_check_itself_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "probe.py"
    bad.write_text("from alliances.circles.models import Ally\nimport alliances.meetings.services\n")
    assert {name for name in _imports(bad) if name.startswith(FORBIDDEN)} == {
        "alliances.circles.models",
        "alliances.meetings.services",
    }
