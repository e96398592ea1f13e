import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzzing's figures, when it ran (tests/api/test_fuzzing.py)."""
    from .test_fuzzing import FIGURES

    if FIGURES.cases:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(FIGURES.by_status.items()))
        terminalreporter.write_sep("=", "API fuzzing (schemathesis)")
        terminalreporter.write_line(
            f"{FIGURES.cases} cases fuzzed, {FIGURES.server_errors} server errors (5xx). By status: {statuses}."
        )
