"""The monthly top-up: max(0, guaranteed level × consumption units − resources), and its explanation.

Pure computation over the rights-engine household format. Unconditional by construction: nothing here
knows of meetings, assessments, participation or the alliance.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from alliances.core.dates import age_on
from alliances.core.money import euros
from alliances.core.months import month_str
from alliances.households.input_format import HouseholdInput, MemberInput

from .rules import Rules, resource_months

CENT = Decimal("0.01")


def gettext_noop(message: str) -> str:
    """Marks a French label for translation (makemessages reads the name) without importing Django into
    the pure engine; alliances/income/said.py says it in the person's language."""
    return message


INCOME_LABELS = {
    "salary_net": gettext_noop("salaire net"),
    "unemployment": gettext_noop("allocation chômage"),
    "pension": gettext_noop("pension de retraite"),
    "child_support": gettext_noop("pension alimentaire reçue"),
    "student_grant": gettext_noop("bourse d'études"),
    "self_employed_sales": gettext_noop("micro-entreprise (vente), après abattement de 71 %"),
    "self_employed_services": gettext_noop("micro-entreprise (services), après abattement de 50 %"),
    "self_employed_liberal": gettext_noop("micro-entreprise (profession libérale), après abattement de 34 %"),
}
#: A micro-entrepreneur's turnover counts after the flat allowance for costs the tax law applies (the
#: same rates OpenFisca-France uses for the RSA: code général des impôts, art. 50-0 and 102 ter).
TURNOVER_ALLOWANCE = {
    "self_employed_sales": Decimal("0.71"),
    "self_employed_services": Decimal("0.50"),
    "self_employed_liberal": Decimal("0.34"),
}
#: benefit → (label, agreement suffix): "RSA reçu", "aide au logement reçue", "allocations familiales reçues".
BENEFIT_LABELS: dict[str, tuple[str, str]] = {
    "rsa": (gettext_noop("RSA"), ""),
    "ppa": (gettext_noop("prime d'activité"), "e"),
    "aide_logement": (gettext_noop("aide au logement"), "e"),
    "af": (gettext_noop("allocations familiales"), "es"),
    "asf": (gettext_noop("allocation de soutien familial"), "e"),
    "aah": (gettext_noop("AAH"), "e"),
    "aspa": (gettext_noop("ASPA"), "e"),
}


@dataclass
class TopUp:
    id: str
    month: str
    eligible: bool
    consumption_units: Decimal
    guaranteed: Decimal
    resources: Decimal
    top_up: Decimal
    paid: bool
    breakdown: list[str] = field(default_factory=list)
    resources_detail: dict[str, Decimal] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "consumption_units": float(self.consumption_units),
            "guaranteed": float(self.guaranteed),
            "resources": float(self.resources),
            "top_up": float(self.top_up),
            "paid": self.paid,
            "breakdown": self.breakdown,
        }


def decimal_fr(value: Decimal | float) -> str:
    """A number as French writes it: 1,3 (never 1.3), no trailing zeros."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def consumption_units(members: tuple[MemberInput, ...], month: date, rules: Rules) -> Decimal:
    """OECD-modified scale: the first adult (the applicant) 1, each other person aged ≥ 14 on the first
    day of the month 0.5, each younger child 0.3."""
    units = Decimal(0)
    for member in members:
        if member.role == "applicant":
            units += rules.scale_first_adult
        elif age_on(member.birth_date, month) >= rules.child_age_limit:
            units += rules.scale_other_14_plus
        else:
            units += rules.scale_child_under_14
    return units


def _incomes(household: HouseholdInput, month: date, rules: Rules, keys: list[str] | None = None) -> dict[str, Decimal]:
    """label → the members' net incomes of the months counted (their average over a quarter), or of
    `keys` (the last months known, when nothing was declared for those)."""
    keys = keys or [month_str(m) for m in resource_months(month, rules)]
    detail: dict[str, Decimal] = {}
    for member in household.members:
        for income_type, by_month in member.incomes.items():
            amount = sum((Decimal(str(by_month.get(key, 0.0))) for key in keys), Decimal(0)) / len(keys)
            amount *= 1 - TURNOVER_ALLOWANCE.get(income_type, Decimal(0))
            if amount:
                label = INCOME_LABELS.get(income_type, income_type)
                detail[label] = detail.get(label, Decimal(0)) + amount
    return detail


def household_resources(
    household: HouseholdInput,
    month: date,
    rules: Rules,
    entitled: dict[str, float] | None = None,
    keys: list[str] | None = None,
) -> dict[str, Decimal]:
    """label → amount for the month: all members' net incomes, plus benefits (received, or entitled)."""
    detail = _incomes(household, month, rules, keys)
    benefits = entitled if rules.resources_mode == "entitled" and entitled is not None else household.received
    due = benefits is entitled and entitled is not None
    for benefit, benefit_amount in benefits.items():
        value = Decimal(str(benefit_amount))
        if value:
            label, agree = BENEFIT_LABELS.get(benefit, (benefit, "e"))
            owed = "dû" if not agree else f"du{agree}"  # the circumflex stays on the masculine singular only
            participle = f"{owed} (estimé{agree})" if due else f"reçu{agree}"
            detail[f"{label} {participle}"] = value
    return {label: value.quantize(CENT, ROUND_HALF_UP) for label, value in detail.items()}


def resources_declared(household: HouseholdInput, month: date, rules: Rules) -> bool:
    """Whether anything was declared for the months counted, even 0 €: an income of any member, or a
    benefit received. A household with nothing declared is listed for the officer to check."""
    keys = {month_str(m) for m in resource_months(month, rules)}
    return bool(household.received) or any(
        not keys.isdisjoint(by_month) for m in household.members for by_month in m.incomes.values()
    )


#: With `undeclared_resources` = last_known: how far back before the months counted the last declared
#: month is looked for (beyond, the top-up is held back until the household declares).
LAST_KNOWN_MONTHS = 3


def last_known_month(household: HouseholdInput, month: date, rules: Rules) -> str | None:
    """The latest month with anything declared, in the LAST_KNOWN_MONTHS before the months counted."""
    from alliances.core.months import add_months

    first = resource_months(month, rules)[0]
    for back in range(1, LAST_KNOWN_MONTHS + 1):
        key = month_str(add_months(first, -back))
        if any(key in by_month for m in household.members for by_month in m.incomes.values()):
            return key
    return None


def compute_top_up(
    household: HouseholdInput, month: date, rules: Rules, entitled: dict[str, float] | None = None
) -> TopUp:
    units = consumption_units(household.members, month, rules)
    guaranteed = (rules.guaranteed_level * units).quantize(CENT, ROUND_HALF_UP)
    declared = resources_declared(household, month, rules)
    # Rules frozen before this rule existed have no value for it: they counted nothing declared as 0 €.
    rule = rules.values.get("undeclared_resources", "zero")
    known = last_known_month(household, month, rules) if not declared and rule == "last_known" else None
    held = not declared and (rule == "hold" or (rule == "last_known" and known is None))
    detail = household_resources(household, month, rules, entitled, [known] if known else None)
    resources = sum(detail.values(), Decimal(0)).quantize(CENT, ROUND_HALF_UP)
    reasons = []
    if household.commune != rules.commune_code:
        reasons.append(f"le foyer ne réside pas dans la commune du dispositif ({rules.commune_code})")
    if age_on(household.applicant.birth_date, month) < rules.minimum_age:
        reasons.append(f"le demandeur a moins de {rules.minimum_age} ans")
    if not household.enrolled:
        reasons.append("le foyer n'est pas inscrit au dispositif")
    difference = max(Decimal(0), guaranteed - resources)
    eligible = not reasons
    paid = eligible and difference >= rules.minimum_paid and not held
    top_up = difference if paid else Decimal(0)
    breakdown = [
        f"Votre niveau garanti est de {euros(guaranteed)} : {euros(rules.guaranteed_level)} × {decimal_fr(units)} "
        f"unité{'s' if units > 1 else ''} de consommation (règle du {rules.dates['guaranteed_level']:%d/%m/%Y}).",
        f"Vos ressources {_period_words(month, rules)} sont de {euros(resources)}"
        + (" : " + " ; ".join(f"{label} {euros(value)}" for label, value in detail.items()) if detail else "")
        + ".",
    ]
    if known:
        from alliances.core.months import of_month, parse_month

        breakdown.insert(
            2,
            f"Aucune ressource n'est déclarée pour ce mois : le calcul reprend celles {of_month(parse_month(known))}, "
            "les dernières connues. Si elles ont changé, dites-le à votre référent·e : le montant sera corrigé.",
        )
    elif not declared and not held:
        breakdown.insert(
            2,
            "Aucune ressource n'est déclarée pour ce mois : le calcul compte 0 €. Si vous avez eu des revenus, "
            "dites-le à votre référent·e : le montant sera corrigé le mois suivant.",
        )
    if held and eligible:
        breakdown.append(
            "Vos ressources de ce mois ne sont pas encore déclarées : le complément est retenu. Dès qu'elles "
            "le seront, il vous sera versé avec le mois suivant (rappel)."
        )
    elif not eligible:
        breakdown.append("Pas de complément ce mois-ci : " + " ; ".join(reasons) + ".")
    elif not paid and difference > 0:
        breakdown.append(
            f"Le complément serait de {euros(difference)}, en dessous du minimum versé "
            f"({euros(rules.minimum_paid)}) : il n'est pas versé."
        )
    elif not paid:
        breakdown.append("Vos ressources atteignent le niveau garanti : pas de complément ce mois-ci.")
    else:
        breakdown.append(f"Le complément est de {euros(top_up)}.")
    return TopUp(
        id=household.id,
        month=month_str(month),
        eligible=eligible,
        consumption_units=units,
        guaranteed=guaranteed,
        resources=resources,
        top_up=top_up,
        paid=paid,
        breakdown=breakdown,
        resources_detail=detail,
    )


def _period_words(month: date, rules: Rules) -> str:
    """« du mois », « de novembre 2026 (le mois précédent) », « comptées (moyenne … ) »."""
    from alliances.core.months import month_label, of_month

    months = resource_months(month, rules)
    if months == [month]:
        return "du mois"
    if len(months) == 1:
        return f"{of_month(months[0])} (le mois précédent)"
    return f"comptées (moyenne des trois mois précédents, {month_label(months[0])} à {month_label(months[-1])})"


def needs_entitled_benefits(household: HouseholdInput, month: date, rules: Rules) -> bool:
    """Whether the benefits due can change this household's top-up. They only add to resources, so a
    household that is not eligible, or whose own incomes already reach its guaranteed level, gets no
    top-up whatever they are: the rights engine need not run for it."""
    if household.commune != rules.commune_code or not household.enrolled:
        return False
    if age_on(household.applicant.birth_date, month) < rules.minimum_age:
        return False
    guaranteed = (rules.guaranteed_level * consumption_units(household.members, month, rules)).quantize(CENT)
    return sum(_incomes(household, month, rules).values(), Decimal(0)) < guaranteed
