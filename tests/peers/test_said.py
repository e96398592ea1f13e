"""Issue 20: why a peer was proposed is stored in French as it was read, and said on her page in her
language; whoever asks, the stored reasons stay French."""

import pytest
from django.utils import translation

from alliances.mediation.catalogue import catalogue
from alliances.peers.said import AVAILABLE, KNOWS_HOW, LIVES_NEAR, ROOM, ROOM_FOR_ONE, SPEAKS, reason_said
from alliances.peers.vocabulary import vocabulary


def _every_reason() -> list[str]:
    words = vocabulary()
    reasons = [term.reason for term in words.experiences]
    reasons += [SPEAKS % {"language": term.label} for term in words.languages]
    reasons += [LIVES_NEAR % {"area": term.label} for term in words.neighbourhoods]
    reasons += [AVAILABLE % {"when": term.label} for term in words.availability]
    reasons += [KNOWS_HOW % {"procedure": p.label} for p in catalogue().procedures[:5]]
    return [*reasons, ROOM_FOR_ONE, ROOM]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_reason_is_said_in_her_language(language: str) -> None:
    with translation.override("fr"):
        reasons = _every_reason()
    with translation.override(language):
        said = [reason_said(reason) for reason in reasons]
    assert not [reason for reason, line in zip(reasons, said, strict=True) if line == reason]


def test_in_french_a_reason_is_as_stored() -> None:
    with translation.override("fr"):
        assert [reason_said(reason) for reason in _every_reason()] == _every_reason()
