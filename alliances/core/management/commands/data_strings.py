"""Writes alliances/core/data_strings.py: the words of the data files, for makemessages (`make messages`)."""

from typing import Any

from django.core.management.base import BaseCommand

from alliances.core.data_i18n import ROOT, data_strings_source


class Command(BaseCommand):
    help = "Extract the words of the instruments and the procedure catalogue for translation."

    def handle(self, *args: Any, **options: Any) -> None:
        (ROOT / "core" / "data_strings.py").write_text(data_strings_source(), encoding="utf-8")
