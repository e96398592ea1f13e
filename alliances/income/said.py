"""The income engine's explanations, said in the person's language (alliances/core/sentences.py).

Every sentence shape the engine (engine/top_up.py) and the corrections (corrections.py) write is listed
here, marked for translation; tests/income/test_said.py runs every branch through it."""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from alliances.core.sentences import Converter, month_said, said_in_language, words_said

LINES = (
    _("Votre niveau garanti est de %(guaranteed)s : %(level)s × %(units)s unité de consommation (règle du %(since)s)."),
    _(
        "Votre niveau garanti est de %(guaranteed)s : %(level)s × %(units)s unités de consommation "
        "(règle du %(since)s)."
    ),
    _("Vos ressources du mois sont de %(amount)s : %(detail)s."),
    _("Vos ressources du mois sont de %(amount)s."),
    _("Vos ressources %(month)s (le mois précédent) sont de %(amount)s : %(detail)s."),
    _("Vos ressources %(month)s (le mois précédent) sont de %(amount)s."),
    _(
        "Vos ressources comptées (moyenne des trois mois précédents, %(first)s à %(last)s) sont de "
        "%(amount)s : %(detail)s."
    ),
    _("Vos ressources comptées (moyenne des trois mois précédents, %(first)s à %(last)s) sont de %(amount)s."),
    _(
        "Aucune ressource n'est déclarée pour ce mois : le calcul reprend celles %(month)s, les dernières "
        "connues. Si elles ont changé, dites-le à votre référent·e : le montant sera corrigé."
    ),
    _(
        "Aucune ressource n'est déclarée pour ce mois : le calcul compte 0 €. Si vous avez eu des revenus, "
        "dites-le à votre référent·e : le montant sera corrigé le mois suivant."
    ),
    _(
        "Vos ressources de ce mois ne sont pas encore déclarées : le complément est retenu. Dès qu'elles "
        "le seront, il vous sera versé avec le mois suivant (rappel)."
    ),
    _("Pas de complément ce mois-ci : %(reasons)s."),
    _("Le complément serait de %(amount)s, en dessous du minimum versé (%(minimum)s) : il n'est pas versé."),
    _("Vos ressources atteignent le niveau garanti : pas de complément ce mois-ci."),
    _("Le complément est de %(amount)s."),
    # Corrections (corrections.py)
    _(
        "Vos ressources de %(month)s ont changé : le complément dû est de %(due)s, %(paid)s ont été versés "
        "et %(corrected)s déjà corrigés. Rappel de %(applied)s ce mois-ci."
    ),
    _(
        "Vos ressources de %(month)s ont changé : le complément dû est de %(due)s, %(paid)s ont été versés. "
        "Rappel de %(applied)s ce mois-ci."
    ),
    _(
        "Vos ressources de %(month)s ont changé : le complément dû est de %(due)s, %(paid)s ont été versés "
        "et %(corrected)s déjà corrigés. Récupération de %(applied)s ce mois-ci (au plus %(cap)s par mois)."
    ),
    _(
        "Vos ressources de %(month)s ont changé : le complément dû est de %(due)s, %(paid)s ont été versés. "
        "Récupération de %(applied)s ce mois-ci (au plus %(cap)s par mois)."
    ),
)
REASONS = (
    _("le foyer ne réside pas dans la commune du dispositif (%(commune)s)"),
    _("le demandeur a moins de %(age)s ans"),
    _("le foyer n'est pas inscrit au dispositif"),
)
#: How a benefit counts in the resources' detail (its label is marked in engine/top_up.py).
BENEFIT_STATES = (
    _("%(benefit)s reçu"),
    _("%(benefit)s reçue"),
    _("%(benefit)s reçues"),
    _("%(benefit)s dû (estimé)"),
    _("%(benefit)s due (estimée)"),
    _("%(benefit)s dues (estimées)"),
)
_AMOUNT = re.compile(r"^(?P<label>.+) (?P<amount>-?[\d\u202f]+,\d{2}\xa0?\s?€)$")


def _reasons(value: str) -> str:
    return gettext(" ; ").join(said_in_language(reason, REASONS, {}) for reason in value.split(" ; "))


def _label(label: str) -> str:
    said = said_in_language(label, BENEFIT_STATES, {"benefit": words_said})
    return said if said != label else words_said(label)


def _detail(value: str) -> str:
    items = []
    for item in value.split(" ; "):
        found = _AMOUNT.match(item)
        items.append(f"{_label(found['label'])} {found['amount']}" if found else item)
    return " ; ".join(items)


CONVERTERS: dict[str, Converter] = {
    "month": month_said,
    "first": month_said,
    "last": month_said,
    "detail": _detail,
    "reasons": _reasons,
}


def income_line_said(line: str) -> str:
    """One line of an income explanation, in the active language."""
    return said_in_language(line, LINES, CONVERTERS)
