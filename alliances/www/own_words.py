"""The words a page uses when it speaks to the person about themselves. Staff pages name the scheme's
terms and speak of "la personne"; the same pages in the person's own space say "vous", in everyday
words, and give the scheme's term in brackets the first time it appears (the person meets it on other
papers). One table, used by the `to_person` filter wherever a shared template shows a staff label.

Both sides are translated: in English or Arabic the staff label a page shows is the translation of the
French key, and the person's words the translation of the value."""

from functools import cache

from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_noop as _

#: Staff label → the person's words. Labels not listed are everyday words already.
PERSON_WORDS: dict[str, str] = {
    # Who (readings, goals, delegations, actions)
    _("La personne"): _("Vous"),
    _("la personne"): _("vous"),
    _("Le ou la référent·e"): _("Votre référent·e"),
    _("La personne et son allié·e, ensemble"): _("Vous et votre allié·e, ensemble"),
    _("Un·e allié·e"): _("Une personne de votre cercle"),
    _("L'allié·e"): _("Une personne de votre cercle"),
    _("La personne seule"): _("Vous seul·e"),
    _("Un·e allié·e pour la personne"): _("Une personne de votre cercle, pour vous"),
    # The four kinds of link of the paper (alliance.enums.LinkType)
    _("Considération"): _("Être écouté·e et respecté·e (considération)"),
    _("Capacitation"): _("Apprendre à faire par vous-même (capacitation)"),
    _("Adaptation"): _("Des démarches adaptées à vous (adaptation)"),
    _("Facilitation"): _("Un accès rendu plus facile (facilitation)"),
    # The five bonds an action or an exchange serves (alliance.enums.WovenBond)
    _("Lien au travail et à l'activité"): _("Le travail, une activité"),
    _("Lien de citoyenneté"): _("Vos droits, la vie de la ville (citoyenneté)"),
    _("Liens familiaux et amicaux"): _("La famille, les amis"),
    _("Liens entre personnes concernées"): _("Des personnes qui vivent la même chose que vous"),
    _("Liens avec les intervenant·es"): _("Les professionnel·les qui vous accompagnent"),
    # Places in the circle (alliance.enums.AllyRole)
    _("Autre allié·e choisi·e par la personne"): _("Une personne que vous avez choisie"),
    # Journal entries (alliance.enums.InteractionKind)
    _("Écrit par la personne"): _("Écrit par vous"),
}


@cache
def _in(language: str) -> dict[str, str]:
    """The table in `language`: the staff label as a page shows it → the person's words."""
    with override(language):
        return {gettext(staff): gettext(mine) for staff, mine in PERSON_WORDS.items()}


def to_person(label: str) -> str:
    text = str(label)
    return _in(get_language() or "fr").get(text, text)
