from django.apps import AppConfig


class IncomeConfig(AppConfig):
    """The guaranteed income (RMG). Unconditional by construction: this package never imports code about
    meetings, assessments, participation or the alliance (tests/income/test_architecture.py)."""

    name = "alliances.income"
    verbose_name = "Revenu minimum garanti"
