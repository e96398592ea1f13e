"""The same explanation in two voices. The engine writes each line for the person ("Votre niveau
garanti…", as a notice addressed to them); staff pages read it about the person ("Le niveau garanti du
foyer…"). The lines are the engine's own closed set of sentences, so the staff voice is a fixed table of
the engine's phrases, checked by a test that runs every branch of the engine through it."""

#: The engine's person-voice phrases → the staff voice, longest first where one contains another.
_STAFF: tuple[tuple[str, str], ...] = (
    ("Votre niveau garanti est", "Le niveau garanti du foyer est"),
    (
        "Vos ressources de ce mois ne sont pas encore déclarées",
        "Les ressources du foyer pour ce mois ne sont pas encore déclarées",
    ),
    ("Vos ressources atteignent", "Les ressources du foyer atteignent"),
    ("Vos ressources", "Les ressources du foyer"),
    (
        "Si vous avez eu des revenus, dites-le à votre référent·e",
        "Si la personne a eu des revenus, elle le dit à son ou sa référent·e",
    ),
    (
        "Si elles ont changé, dites-le à votre référent·e",
        "Si elles ont changé, la personne le dit à son ou sa référent·e",
    ),
    ("il vous sera versé", "il sera versé à la personne"),
)


def staff_voice(line: str) -> str:
    """One explanation line, as staff pages say it (about the person, never "vous")."""
    for person, staff in _STAFF:
        line = line.replace(person, staff)
    return line
