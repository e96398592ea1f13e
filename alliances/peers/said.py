"""Why a peer was proposed, said in the person's language (alliances/core/sentences.py).

The reasons are stored in French as they were read when the match was proposed (selectors.reasons_for);
her page says them again in her language. A reason from the vocabulary (an experience) is a catalog
entry itself (core/data_strings.py)."""

from django.utils.translation import gettext_noop as _

from alliances.core.sentences import Converter, in_french, said_in_language, words_said

SPEAKS = _("parle %(language)s")
KNOWS_HOW = _("sait faire : %(procedure)s")
LIVES_NEAR = _("habite aussi le quartier %(area)s")
AVAILABLE = _("est disponible %(when)s")
ROOM_FOR_ONE = _("a de la place pour aider une personne de plus")
ROOM = _("a de la place pour aider")
REASONS = (SPEAKS, KNOWS_HOW, LIVES_NEAR, AVAILABLE, ROOM_FOR_ONE, ROOM)
CONVERTERS: dict[str, Converter] = {
    "language": words_said,
    "procedure": words_said,
    "area": words_said,
    "when": words_said,
}


def reason_said(reason: str) -> str:
    """One reason, in the active language (unchanged in French)."""
    if in_french():
        return reason
    said = said_in_language(reason, REASONS, CONVERTERS)
    return said if said != reason else words_said(reason)
