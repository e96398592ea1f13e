"""Incomes with no amount for the month computed: carried forward as "déclaré stable".

OpenFisca-France neutralises past earnings when the current month has none (the rule for a job that has
stopped). A month left empty is not a stopped job: the last known amount is carried forward to the month
computed, and the explanation says so. A stopped income is recorded as 0 € for the month: then nothing
is carried, and the neutralisation applies, said in plain French too.
"""

from dataclasses import dataclass, replace

from alliances.core.months import window
from alliances.households.input_format import HouseholdInput

#: How far back a last known amount is looked for (beyond, an empty month is taken as no income).
LOOKBACK_MONTHS = 3

#: income type → ("… de salaire", "Le salaire", "arrêté"): French needs the article and the agreement.
INCOME_LABELS = {
    "salary_net": ("de salaire", "Le salaire", "arrêté"),
    "unemployment": ("d'allocation chômage", "L'allocation chômage", "arrêtée"),
    "pension": ("de retraite", "La retraite", "arrêtée"),
    "child_support": ("de pension alimentaire", "La pension alimentaire", "arrêtée"),
    "student_grant": ("de bourse d'études", "La bourse d'études", "arrêtée"),
    "self_employed_sales": ("de chiffre d'affaires (vente)", "Le chiffre d'affaires (vente)", "arrêté"),
    "self_employed_services": ("de chiffre d'affaires (services)", "Le chiffre d'affaires (services)", "arrêté"),
    "self_employed_liberal": (
        "de chiffre d'affaires (profession libérale)",
        "Le chiffre d'affaires (profession libérale)",
        "arrêté",
    ),
}
ROLE_LABELS = {
    "applicant": "de la personne",
    "partner": "du conjoint ou de la conjointe",
    "child": "d'un enfant",
    "other": "d'un autre membre du foyer",
}


@dataclass(frozen=True)
class Carried:
    member_role: str
    income_type: str
    amount: float
    known_month: str  # the last month with an amount
    months: tuple[str, ...]  # the months it was carried into
    member_id: str = ""

    def as_json(self) -> dict[str, object]:
        """What a stored estimate keeps, so a worker can confirm or correct the assumption in one click."""
        return {
            "member_id": self.member_id,
            "member_role": self.member_role,
            "income_type": self.income_type,
            "amount": self.amount,
            "known_month": self.known_month,
            "months": list(self.months),
            "text": assumptions_text([self], []),
        }


@dataclass(frozen=True)
class Stopped:
    member_role: str
    income_type: str
    month: str


def carry_forward(household: HouseholdInput, month: str) -> tuple[HouseholdInput, list[Carried], list[Stopped]]:
    """The household with each income's empty months up to `month` filled with its last known amount."""
    carried: list[Carried] = []
    stopped: list[Stopped] = []
    members = []
    recent = window(month, LOOKBACK_MONTHS + 1)  # oldest first, ending with `month`
    for member in household.members:
        incomes = dict(member.incomes)
        for income_type, by_month in member.incomes.items():
            if month in by_month:
                if by_month[month] == 0 and any(by_month.get(m, 0) > 0 for m in recent[:-1]):
                    stopped.append(Stopped(member.role, income_type, month))
                continue
            known = [m for m in recent[:-1] if m in by_month]
            if not known or by_month[known[-1]] <= 0:
                continue
            last = known[-1]
            filled = tuple(m for m in recent if m > last)
            incomes[income_type] = {**by_month, **dict.fromkeys(filled, by_month[last])}
            carried.append(Carried(member.role, income_type, by_month[last], last, filled, member.id))
        members.append(replace(member, incomes=incomes) if incomes != member.incomes else member)
    if not carried:
        return household, carried, stopped
    return replace(household, members=tuple(members)), carried, stopped


def _label(month: str) -> str:
    from .explain import month_fr

    return month_fr(month)


def assumptions_text(carried: list[Carried], stopped: list[Stopped]) -> str:
    """Plain French: which amounts were assumed stable, which incomes are counted as stopped."""
    sentences = []
    for item in carried:
        of, _, _ = INCOME_LABELS.get(item.income_type, ("de ressource", "", ""))
        sentences.append(
            f"Aucun montant {of} {ROLE_LABELS.get(item.member_role, '')} n'est enregistré "
            f"pour {_label(item.months[-1])} : "
            f"il est compté comme déclaré stable, à {_euros(item.amount)} (dernier montant connu, "
            f"{_label(item.known_month)}). S'il s'est arrêté, enregistrez 0 € pour ce mois."
        )
    for stop in stopped:
        _, the, stopped_word = INCOME_LABELS.get(stop.income_type, ("", "La ressource", "arrêtée"))
        sentences.append(
            f"{the} {ROLE_LABELS.get(stop.member_role, '')} s'est {stopped_word} (0 € pour {_label(stop.month)}) : "
            "pour le RSA et la prime d'activité, "
            "les montants des mois précédents ne sont plus comptés (règle de neutralisation des ressources)."
        )
    return " ".join(sentences)


def _euros(amount: float) -> str:
    from .explain import euros

    return euros(amount)
