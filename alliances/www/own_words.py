"""The words a page uses when it speaks to the person about themselves. Staff pages name the scheme's
terms and speak of "la personne"; the same pages in the person's own space say "vous", in everyday
words, and give the scheme's term in brackets the first time it appears (the person meets it on other
papers). One table, used by the `to_person` filter wherever a shared template shows a staff label."""

#: Staff label → the person's words. Labels not listed are everyday words already.
PERSON_WORDS: dict[str, str] = {
    # Who (readings, goals, delegations, actions)
    "La personne": "Vous",
    "la personne": "vous",
    "Le ou la référent·e": "Votre référent·e",
    "La personne et son allié·e, ensemble": "Vous et votre allié·e, ensemble",
    "Un·e allié·e": "Une personne de votre cercle",
    "L'allié·e": "Une personne de votre cercle",
    "La personne seule": "Vous seul·e",
    "Un·e allié·e pour la personne": "Une personne de votre cercle, pour vous",
    # The four kinds of link of the paper (alliance.enums.LinkType)
    "Considération": "Être écouté·e et respecté·e (considération)",
    "Capacitation": "Apprendre à faire par vous-même (capacitation)",
    "Adaptation": "Des démarches adaptées à vous (adaptation)",
    "Facilitation": "Un accès rendu plus facile (facilitation)",
    # The five bonds an action or an exchange serves (alliance.enums.WovenBond)
    "Lien au travail et à l'activité": "Le travail, une activité",
    "Lien de citoyenneté": "Vos droits, la vie de la ville (citoyenneté)",
    "Liens familiaux et amicaux": "La famille, les amis",
    "Liens entre personnes concernées": "Des personnes qui vivent la même chose que vous",
    "Liens avec les intervenant·es": "Les professionnel·les qui vous accompagnent",
    # Places in the circle (alliance.enums.AllyRole)
    "Autre allié·e choisi·e par la personne": "Une personne que vous avez choisie",
    # Journal entries (alliance.enums.InteractionKind)
    "Écrit par la personne": "Écrit par vous",
}


def to_person(label: str) -> str:
    return PERSON_WORDS.get(str(label), str(label))
