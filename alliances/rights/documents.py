"""The usual supporting documents for each claim (a starting list, editable per procedure)."""

COMMON = ["Pièce d'identité ou titre de séjour", "Relevé d'identité bancaire (RIB)"]

DOCUMENTS: dict[str, list[str]] = {
    "rsa": [*COMMON, "Ressources des 3 derniers mois", "Numéro d'allocataire CAF (s'il existe)"],
    "ppa": [*COMMON, "Bulletins de salaire des 3 derniers mois"],
    "aide_logement": [*COMMON, "Bail ou attestation de loyer", "Dernière quittance de loyer"],
    "af": [*COMMON, "Livret de famille ou actes de naissance des enfants"],
    "asf": [*COMMON, "Livret de famille", "Jugement ou justificatif de l'absence de pension alimentaire"],
    "aah": [*COMMON, "Certificat médical (formulaire MDPH)", "Formulaire de demande MDPH"],
    "aspa": [*COMMON, "Dernier avis d'imposition", "Relevés de pensions de retraite"],
    "css": [*COMMON, "Attestation de carte Vitale", "Ressources des 12 derniers mois"],
}
