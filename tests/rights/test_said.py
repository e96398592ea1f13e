"""Issue 20: the rights explanations ("Comment est-ce calculé ?"), stored as the engine wrote them
(French), are said in the person's language. Every sentence of every branch has a known shape; in English
and Arabic no French sentence is left, and the amounts are kept."""

import re

import pytest
from django.utils import translation

from alliances.core.sentences import shape
from alliances.rights.engine.results import BENEFITS, CSS_LABEL
from alliances.rights.engine.simulate import compute_rights
from alliances.rights.engine.stable import INCOME_LABELS, ROLE_LABELS
from alliances.rights.said import SENTENCES, WORDS, rights_said, sentences

from .conftest import adult, child, household, monthly

pytestmark = pytest.mark.engine

M = "2026-11"
FRENCH = re.compile(
    r"\b(le|la|les|des|du|pour|est|sont|mois|ressources|montant|foyer|enfants?|locataire|personne|pas)\b",
    re.IGNORECASE,
)


def _households():  # type: ignore[no-untyped-def]
    stopped = {**monthly(900, M), M: 0.0}
    carried = monthly(500, M)
    carried.pop(M)
    return [
        household(M, members=[adult("1985-05-17")], rent=450, hid="alone-tenant"),
        household(M, members=[adult("1985-05-17", salary=900)], status="hosted", hid="hosted-working"),
        household(M, members=[adult("1985-05-17", salary=4000)], status="owner", hid="well-off"),
        household(M, members=[adult("1990-01-01"), child("2015-03-03")], status="homeless", hid="one-child"),
        household(
            M,
            members=[adult("1980-01-01"), adult("1982-01-01", "partner"), child("2014-01-01"), child("2016-01-01")],
            rent=700,
            hid="family",
        ),
        household(M, members=[adult("1980-01-01"), adult("1982-01-01", "partner")], status="other", hid="couple"),
        household(M, members=[adult("1980-01-01", disability_rate=80)], rent=400, hid="aah"),
        household(M, members=[adult("1950-01-01")], rent=400, hid="aspa"),
        household(M, members=[adult("1985-01-01", incomes={"salary_net": carried})], rent=450, hid="carried"),
        household(M, members=[adult("1985-01-01", incomes={"unemployment": stopped})], rent=450, hid="stopped"),
    ]


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    results = compute_rights(_households(), M) + compute_rights(
        [household("2015-06", members=[adult("1985-05-17")], rent=450, hid="before-ppa")], "2015-06"
    )
    texts = [text for result in results for text in result.explanations.values()]
    return texts + [str(a["text"]) for result in results for a in result.assumptions]


def test_every_sentence_the_engine_writes_has_a_known_shape(paragraphs: list[str]) -> None:
    every = [sentence for paragraph in paragraphs for sentence in sentences(paragraph)]
    unknown = sorted({s for s in every if not any(shape(t).pattern.fullmatch(s) for t in SENTENCES)})
    assert not unknown
    assert len(set(every)) > 30  # the branches are there: housing kinds, families, stopped and carried incomes


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_explanation_is_said_in_her_language(paragraphs: list[str], language: str) -> None:
    with translation.override(language):
        said = [rights_said(paragraph) for paragraph in paragraphs]
    left = [line for line in said if FRENCH.search(line)]
    assert not left
    assert sum("€" in line for line in said) == sum("€" in line for line in paragraphs)


def test_in_french_the_explanation_is_the_engines_own(paragraphs: list[str]) -> None:
    with translation.override("fr"):
        assert [rights_said(paragraph) for paragraph in paragraphs] == paragraphs


def test_a_date_and_the_household_are_said_too() -> None:
    line = (
        "Pour une personne seule avec 2 enfants, le montant forfaitaire du RSA est de 977,54 € par mois "
        "(montant de base de 651,69 € en vigueur depuis 1 avril 2026)."
    )
    with translation.override("en"):
        said = rights_said(line)
    assert "1 April 2026" in said and "2" in said and "977,54 €" in said and "enfants" not in said


def test_every_income_and_member_word_of_the_engine_is_marked_for_translation() -> None:
    words = {word for labels in INCOME_LABELS.values() for word in labels} | set(ROLE_LABELS.values())
    words |= set(BENEFITS.values()) | {CSS_LABEL}
    assert words <= set(WORDS)
