"""Non-take-up (non-recours): what a household is entitled to and does not receive."""

from alliances.households.input_format import HouseholdInput

from .results import RightsResult

#: Benefits whose received amount can be compared with the entitlement.
COMPARABLE = ("rsa", "ppa", "aide_logement", "af", "asf", "aah", "aspa")


def find_non_take_up(household: HouseholdInput, result: RightsResult, *, threshold: float) -> dict[str, float]:
    """benefit → monthly gap (entitled − received), for gaps above `threshold` euros."""
    gaps: dict[str, float] = {}
    for benefit in COMPARABLE:
        gap = round(result.benefits[benefit] - household.received.get(benefit, 0.0), 2)
        if gap > threshold:
            gaps[benefit] = gap
    return gaps
