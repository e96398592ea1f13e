"""Plain-French explanations of each amount: base for the household, resources counted, rule date."""

from alliances.core.money import euros
from alliances.core.months import MONTH_NAMES
from alliances.households.input_format import HouseholdInput

from .results import RightsResult
from .system import parameter_in_force

RSA_BASE = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa"
PPA_BASE = "prestations_sociales.solidarite_insertion.minima_sociaux.ppa.pa_m.montant_de_base"
BMAF = "prestations_sociales.prestations_familiales.bmaf.bmaf"
AAH_BASE = "prestations_sociales.prestations_etat_de_sante.invalidite.aah.montant"
ASPA_SINGLE = (
    "prestations_sociales.solidarite_insertion.minimum_vieillesse.aspa.montant_maximum_annuel.personnes_seules"
)


def _date_fr(iso: str) -> str:
    year, month, day = iso.split("-")
    months = MONTH_NAMES
    return f"{int(day)} {months[int(month) - 1]} {year}" if day != "01" else f"{months[int(month) - 1]} {year}"


def month_fr(month: str) -> str:
    """'2026-12' → « décembre 2026 »."""
    return _date_fr(f"{month}-01")


def _composition(household: HouseholdInput) -> str:
    adults = sum(1 for m in household.members if m.role in {"applicant", "partner"})
    children = sum(1 for m in household.members if m.role == "child")
    who = "en couple" if adults == 2 else "seule"
    if children:
        return f"une personne {who} avec {children} enfant{'s' if children > 1 else ''}"
    return "un couple sans enfant" if adults == 2 else "une personne seule sans enfant"


def explain(household: HouseholdInput, month: str, result: RightsResult, values: dict[str, float]) -> dict[str, str]:
    text: dict[str, str] = {}
    composition = _composition(household)
    base, base_date = parameter_in_force(RSA_BASE, month)
    socle = max(values.get("rsa_socle", 0.0), values.get("rsa_socle_majore", 0.0))
    forfait = values.get("rsa_forfait_logement", 0.0)
    resources = values.get("rsa_base_ressources", 0.0)
    rsa = result.benefits["rsa"]
    text["rsa"] = (
        f"Pour {composition}, le montant forfaitaire du RSA est de {euros(socle)} par mois "
        f"(montant de base de {euros(base)} en vigueur depuis {_date_fr(base_date)}). "
        f"Ressources comptées (moyenne des trois mois précédents) : {euros(resources)}. "
        + (f"Forfait logement déduit : {euros(forfait)}. " if forfait else "")
        + (f"Estimation : {euros(rsa)} par mois." if rsa > 0 else "Les ressources dépassent ce montant : pas de RSA.")
    )
    ppa = result.benefits["ppa"]
    try:
        ppa_base, ppa_date = parameter_in_force(PPA_BASE, month)
    except LookupError:
        text["ppa"] = "La prime d'activité n'existait pas encore à cette date (créée en janvier 2016)."
    else:
        text["ppa"] = (
            f"La prime d'activité complète les revenus du travail (montant de base de {euros(ppa_base)} "
            f"depuis {_date_fr(ppa_date)}), calculée sur les revenus des trois mois précédents. "
            + (
                f"Estimation : {euros(ppa)} par mois, nette de CRDS."
                if ppa > 0
                else "Pas de revenu d'activité suffisant ou des ressources trop élevées : pas de prime d'activité."
            )
        )
    housing = {
        "tenant": f"locataire, loyer de {euros(household.rent)}",
        "owner": "propriétaire",
        "hosted": "hébergé·e gratuitement",
        "homeless": "sans logement",
        "other": "autre situation",
    }
    aide = result.benefits["aide_logement"]
    text["aide_logement"] = (
        f"Logement : {housing[household.housing_status]}, commune {household.commune}. "
        "L'aide dépend du loyer, de la zone, de la composition du foyer et des ressources des 12 derniers mois. "
        + (f"Estimation : {euros(aide)} par mois." if aide > 0 else "Pas d'aide au logement estimée.")
    )
    bmaf, bmaf_date = parameter_in_force(BMAF, month)
    children = sum(1 for m in household.members if m.role == "child")
    text["af"] = (
        f"Les allocations familiales sont versées à partir de 2 enfants à charge ; le foyer en compte {children}. "
        f"Elles sont calculées sur la base mensuelle des allocations familiales ({euros(bmaf)} depuis "
        f"{_date_fr(bmaf_date)}). Estimation : {euros(result.benefits['af'])} par mois, nette de CRDS."
    )
    single_parent = children > 0 and not any(m.role == "partner" for m in household.members)
    text["asf"] = (
        "L'allocation de soutien familial aide un parent seul qui ne reçoit pas de pension alimentaire, "
        "ou une pension inférieure à son montant. "
        + (
            f"Estimation : {euros(result.benefits['asf'])} par mois."
            if result.benefits["asf"] > 0
            else (
                "Une pension alimentaire reçue réduit ou supprime l'ASF."
                if single_parent
                else "Le foyer n'est pas une famille monoparentale : pas d'ASF."
            )
        )
    )
    aah_base, aah_date = parameter_in_force(AAH_BASE, month)
    text["aah"] = (
        f"L'AAH (montant maximal de {euros(aah_base)} depuis {_date_fr(aah_date)}) suppose un taux d'incapacité "
        "reconnu par la MDPH d'au moins 80 % (ou de 50 à 79 % avec une restriction d'accès à l'emploi). "
        f"Estimation : {euros(result.benefits['aah'])} par mois."
    )
    aspa_year, aspa_date = parameter_in_force(ASPA_SINGLE, month)
    text["aspa"] = (
        f"L'ASPA (minimum vieillesse, {euros(aspa_year / 12)} par mois au plus pour une personne seule depuis "
        f"{_date_fr(aspa_date)}) est ouverte à partir de l'âge légal de départ à la retraite. "
        f"Estimation : {euros(result.benefits['aspa'])} par mois."
    )
    css = {
        "gratuite": "sans participation financière",
        "participation": f"avec une participation de {euros(result.css_contribution)} par mois",
        "non": "non : les ressources dépassent le plafond",
    }[result.css]
    text["css"] = f"Complémentaire santé solidaire : {css}."
    return text
