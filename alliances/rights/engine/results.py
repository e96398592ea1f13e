from dataclasses import dataclass, field

#: The benefits computed, in the order shown, with their French names.
BENEFITS: dict[str, str] = {
    "rsa": "Revenu de solidarité active (RSA)",
    "ppa": "Prime d'activité",
    "aide_logement": "Aide au logement",
    "af": "Allocations familiales",
    "asf": "Allocation de soutien familial (ASF)",
    "aah": "Allocation aux adultes handicapés (AAH)",
    "aspa": "Allocation de solidarité aux personnes âgées (ASPA)",
}
CSS_LABEL = "Complémentaire santé solidaire (CSS)"


@dataclass
class RightsResult:
    id: str
    month: str
    #: euros per month paid to the household, 2 decimals
    benefits: dict[str, float]
    #: "gratuite", "participation" or "non"
    css: str
    #: monthly contribution when css == "participation"
    css_contribution: float
    explanations: dict[str, str] = field(default_factory=dict)
    non_take_up: dict[str, float] = field(default_factory=dict)
    #: incomes with no amount for the month, counted at their last known amount ("déclaré stable")
    assumptions: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "benefits": {**self.benefits, "css": self.css},
            "css_contribution": self.css_contribution,
            "non_take_up": self.non_take_up,
            "explanations": self.explanations,
        }
