"""The rights engine's explanations, said in the person's language (alliances/core/sentences.py).

The engine (engine/explain.py, engine/stable.py) writes each benefit's explanation as a short French
paragraph and stores it with the estimate. Here every sentence shape it writes is listed, marked for
translation; a paragraph is cut into sentences, each said again with its values converted.
tests/rights/test_said.py runs every branch of the engine through it."""

import re
from datetime import date

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from alliances.core.months import MONTH_NAMES
from alliances.core.sentences import Converter, in_french, month_said, said_in_language, words_said

from .engine.stable import ROLE_LABELS

SENTENCES = (
    # RSA
    _(
        "Pour %(composition)s, le montant forfaitaire du RSA est de %(amount)s par mois "
        "(montant de base de %(base)s en vigueur depuis %(since)s)."
    ),
    _("Ressources comptées (moyenne des trois mois précédents) : %(amount)s."),
    _("Forfait logement déduit : %(amount)s."),
    _("Estimation : %(amount)s par mois."),
    _("Estimation : %(amount)s par mois, nette de CRDS."),
    _("Les ressources dépassent ce montant : pas de RSA."),
    # Prime d'activité
    _("La prime d'activité n'existait pas encore à cette date (créée en janvier 2016)."),
    _(
        "La prime d'activité complète les revenus du travail (montant de base de %(base)s depuis %(since)s), "
        "calculée sur les revenus des trois mois précédents."
    ),
    _("Pas de revenu d'activité suffisant ou des ressources trop élevées : pas de prime d'activité."),
    # Aide au logement
    _("Logement : %(housing)s, commune %(commune)s."),
    _("L'aide dépend du loyer, de la zone, de la composition du foyer et des ressources des 12 derniers mois."),
    _("Pas d'aide au logement estimée."),
    # Allocations familiales
    _("Les allocations familiales sont versées à partir de 2 enfants à charge ; le foyer en compte %(children)s."),
    _("Elles sont calculées sur la base mensuelle des allocations familiales (%(amount)s depuis %(since)s)."),
    # ASF
    _(
        "L'allocation de soutien familial aide un parent seul qui ne reçoit pas de pension alimentaire, "
        "ou une pension inférieure à son montant."
    ),
    _("Une pension alimentaire reçue réduit ou supprime l'ASF."),
    _("Le foyer n'est pas une famille monoparentale : pas d'ASF."),
    # AAH, ASPA
    _(
        "L'AAH (montant maximal de %(amount)s depuis %(since)s) suppose un taux d'incapacité reconnu par la "
        "MDPH d'au moins 80 %% (ou de 50 à 79 %% avec une restriction d'accès à l'emploi)."
    ),
    _(
        "L'ASPA (minimum vieillesse, %(amount)s par mois au plus pour une personne seule depuis %(since)s) "
        "est ouverte à partir de l'âge légal de départ à la retraite."
    ),
    # Complémentaire santé solidaire
    _("Complémentaire santé solidaire : %(css)s."),
    # Amounts assumed stable, incomes stopped (engine/stable.py)
    _(
        "Aucun montant %(what)s n'est enregistré pour %(month)s : il est compté comme déclaré stable, "
        "à %(amount)s (dernier montant connu, %(known)s)."
    ),
    _("S'il s'est arrêté, enregistrez 0 € pour ce mois."),
    _(
        "%(what)s s'est %(stopped)s (0 € pour %(month)s) : pour le RSA et la prime d'activité, "
        "les montants des mois précédents ne sont plus comptés (règle de neutralisation des ressources)."
    ),
)
COMPOSITIONS = (
    _("une personne seule avec %(children)s enfant"),
    _("une personne seule avec %(children)s enfants"),
    _("une personne en couple avec %(children)s enfant"),
    _("une personne en couple avec %(children)s enfants"),
)
HOUSING = (_("locataire, loyer de %(rent)s"),)
CSS = (_("avec une participation de %(amount)s par mois"),)
#: Words the engine puts in a sentence whole (engine/explain.py, engine/stable.py), and the names of
#: the benefits (engine/results.py: the engine imports nothing from Django).
WORDS = (
    _("Revenu de solidarité active (RSA)"),
    _("Prime d'activité"),
    _("Aide au logement"),
    _("Allocations familiales"),
    _("Allocation de soutien familial (ASF)"),
    _("Allocation aux adultes handicapés (AAH)"),
    _("Allocation de solidarité aux personnes âgées (ASPA)"),
    _("Complémentaire santé solidaire (CSS)"),
    _("un couple sans enfant"),
    _("une personne seule sans enfant"),
    _("propriétaire"),
    _("hébergé·e gratuitement"),
    _("sans logement"),
    _("autre situation"),
    _("sans participation financière"),
    _("non : les ressources dépassent le plafond"),
    # Incomes: "… de salaire", "Le salaire", "arrêté"
    _("de salaire"),
    _("d'allocation chômage"),
    _("de retraite"),
    _("de pension alimentaire"),
    _("de bourse d'études"),
    _("de chiffre d'affaires (vente)"),
    _("de chiffre d'affaires (services)"),
    _("de chiffre d'affaires (profession libérale)"),
    _("de ressource"),
    _("Le salaire"),
    _("L'allocation chômage"),
    _("La retraite"),
    _("La pension alimentaire"),
    _("La bourse d'études"),
    _("Le chiffre d'affaires (vente)"),
    _("Le chiffre d'affaires (services)"),
    _("Le chiffre d'affaires (profession libérale)"),
    _("La ressource"),
    _("arrêté"),
    _("arrêtée"),
    # Members
    _("de la personne"),
    _("du conjoint ou de la conjointe"),
    _("d'un enfant"),
    _("d'un autre membre du foyer"),
)

_SENTENCE_END = re.compile(r"(?<=\.) (?=[A-ZÀ-ÝL])")
_DAY = re.compile(r"^(\d{1,2}) ((?:" + "|".join(MONTH_NAMES) + r") \d{4})$")


def _date(value: str) -> str:
    """« 1 avril 2026 » or « avril 2026 », in the active language."""
    found = _DAY.match(value)
    if found is None:
        return month_said(value)
    month_name, year = found.group(2).split(" ")
    return date_format(date(int(year), MONTH_NAMES.index(month_name) + 1, int(found.group(1))), "j F Y")


def _one_of(templates: tuple[str, ...]) -> Converter:
    def convert(value: str) -> str:
        said = said_in_language(value, templates, {})
        return said if said != value else words_said(value)

    return convert


MEMBERS = tuple(ROLE_LABELS.values())


def _income_of_member(value: str) -> str:
    """« de salaire de la personne », « Le salaire d'un enfant »: the income, then whose it is."""
    for member in MEMBERS:
        if value.endswith(f" {member}"):
            income = value[: -len(member) - 1]
            return gettext("%(income)s %(member)s") % {"income": words_said(income), "member": words_said(member)}
    return words_said(value)


CONVERTERS: dict[str, Converter] = {
    "since": _date,
    "month": _date,
    "known": _date,
    "composition": _one_of(COMPOSITIONS),
    "housing": _one_of(HOUSING),
    "css": _one_of(CSS),
    "what": _income_of_member,
    "stopped": words_said,
}


def sentences(paragraph: str) -> list[str]:
    """The sentences of one explanation, as the engine wrote them."""
    return [sentence for sentence in _SENTENCE_END.split(paragraph.strip()) if sentence]


def rights_said(paragraph: str) -> str:
    """One explanation of the rights engine, in the active language (as written, in French)."""
    if in_french() or not paragraph:
        return paragraph
    return " ".join(said_in_language(sentence, SENTENCES, CONVERTERS) for sentence in sentences(paragraph))
