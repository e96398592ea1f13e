"""Issue 20: the income explanations, stored as the engine wrote them (French), are said in the
person's language. Every line of every branch of the engine has a known shape; in English and Arabic no
French sentence is left."""

import re

import pytest
from django.utils import translation

from alliances.core.sentences import shape
from alliances.income.engine.top_up import compute_top_up
from alliances.income.said import LINES, income_line_said

from .test_top_up import M
from .test_voice import BRANCHES

pytestmark = pytest.mark.engine

FRENCH = re.compile(r"\b(vous|votre|vos|ressources|complément|mois|est|sont)\b", re.IGNORECASE)
CORRECTIONS = [
    "Vos ressources de 10/2026 ont changé : le complément dû est de 500,00 €, 600,00 € ont été versés. "
    "Récupération de 100,00 € ce mois-ci (au plus 150,00 € par mois).",
    "Vos ressources de 09/2026 ont changé : le complément dû est de 600,00 €, 500,00 € ont été versés et "
    "20,00 € déjà corrigés. Rappel de 80,00 € ce mois-ci.",
]


def _lines() -> list[str]:
    lines = [line for members, rules in BRANCHES.values() for line in compute_top_up(members, M, rules).breakdown]
    return lines + CORRECTIONS


def test_every_line_the_engine_writes_has_a_known_shape() -> None:
    unknown = [line for line in _lines() if not any(shape(t).pattern.fullmatch(line) for t in LINES)]
    assert not unknown


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_line_is_said_in_her_language(language: str) -> None:
    with translation.override(language):
        said = [income_line_said(line) for line in _lines()]
    left = [line for line in said if FRENCH.search(line)]
    assert not left
    assert any("€" in line for line in said)  # the amounts are kept


def test_in_french_the_line_is_the_engines_own() -> None:
    with translation.override("fr"):
        assert [income_line_said(line) for line in _lines()] == _lines()


def test_a_month_and_the_resources_detail_are_said_too() -> None:
    line = (
        "Vos ressources d'octobre 2026 (le mois précédent) sont de 700,00 € : salaire net 400,00 € ; RSA reçu 300,00 €."
    )
    with translation.override("en"):
        said = income_line_said(line)
    assert "October 2026" in said and "octobre" not in said
    assert "salaire" not in said and "reçu" not in said and "400,00 €" in said
