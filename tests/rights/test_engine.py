import random

import pytest

from alliances.core.months import window
from alliances.households.input_format import HouseholdError, parse_household
from alliances.rights.engine.simulate import FAMILY_OUTPUTS, _compute_chunk, compute_benefits, compute_rights

from .conftest import adult, child, household, monthly

#: Pure computation, no database: CI runs it once (the SQLite pass).
pytestmark = pytest.mark.engine

M = "2026-11"


def test_rsa_and_housing_aid_no_longer_depend_on_the_order() -> None:
    cases = [
        household(M, members=[adult("1985-05-17")], rent=450),
        household(M, members=[adult("1985-05-17", salary=400), child("2019-01-01")], rent=600),
        household(M, members=[adult("1980-01-01"), adult("1982-01-01", "partner")], rent=700),
    ]
    rsa_first = _compute_chunk(cases, M, order=FAMILY_OUTPUTS)
    housing_first = _compute_chunk(cases, M, order=("aide_logement", "ppa_nette_crds", *FAMILY_OUTPUTS))
    for a, b in zip(rsa_first, housing_first, strict=True):
        assert a.benefits == b.benefits


def _random_household(rng: random.Random, index: int):  # type: ignore[no-untyped-def]
    members = [
        adult(
            f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            salary=rng.choice([0, 0, 300, 650, 1100, 1700]),
        )
    ]
    if rng.random() < 0.4:
        members.append(adult("1984-02-02", "partner", salary=rng.choice([0, 500])))
    for k in range(rng.choice([0, 0, 1, 2, 3])):
        members.append(child(f"201{k + 2}-0{rng.randint(1, 9)}-15"))
    if rng.random() < 0.1:
        members[0]["disability_rate"] = 80
    status = rng.choice(["tenant", "tenant", "hosted", "owner", "homeless"])
    return household(
        M, members=members, status=status, rent=rng.randint(250, 750) if status == "tenant" else 0, hid=f"h{index}"
    )


def test_batch_gives_the_same_amounts_as_one_by_one() -> None:
    rng = random.Random(7)
    sample = [_random_household(rng, i) for i in range(24)]
    batch = compute_rights(sample, M, chunk_size=10)
    for single_household, from_batch in zip(sample, batch, strict=True):
        alone = compute_rights([single_household], M)[0]
        assert alone.benefits == from_batch.benefits, single_household.id
        assert (alone.css, alone.css_contribution) == (from_batch.css, from_batch.css_contribution)


def test_a_missing_current_month_is_declared_stable_and_an_explicit_zero_is_a_stopped_job() -> None:
    """Issue 15, item 1: an empty month was taken as a stopped job (earnings neutralised, a false RSA)."""
    incomes = monthly(500, M)
    without_current = dict(incomes)
    without_current.pop(M)
    explicit_zero = {**without_current, M: 0.0}

    def rsa(salary: dict[str, float]) -> float:
        members = [adult("1985-01-01", incomes={"salary_net": salary})]
        return compute_rights([household(M, members=members, rent=450)], M)[0].benefits["rsa"]

    assert rsa(without_current) == rsa(incomes)  # carried forward: the same as 500 € declared
    assert rsa(explicit_zero) > rsa(incomes)  # stopped: neutralised, as the law says


def test_explanations_name_the_base_the_resources_the_lump_sum_and_the_rule_date() -> None:
    result = compute_rights([household(M, members=[adult("1985-05-17")], rent=450)], M)[0]
    text = result.explanations["rsa"]
    assert "651,69 €" in text and "avril 2026" in text and "78,20 €" in text and "573,49 €" in text
    assert set(result.explanations) >= {"rsa", "ppa", "aide_logement", "af", "asf", "aah", "aspa", "css"}


BAD = [
    ({"commune": "99999"}, "commune", "inconnu"),
    (
        {"members": [{"id": "p", "role": "applicant", "birth_date": "1990-02-30"}]},
        "members[0].birth_date",
        "pas une date possible",
    ),
    (
        {
            "members": [
                {"id": "p", "role": "applicant", "birth_date": "1990-01-01", "incomes": {"salary_net": {"2026-10": -5}}}
            ]
        },
        "members[0].incomes.salary_net.2026-10",
        "négatif",
    ),
    ({"housing": {"status": "tenant", "rent": -1}}, "housing.rent", "négatif"),
    ({"members": [{"id": "p", "role": "child", "birth_date": "2015-01-01"}]}, "members", "demandeur"),
    (
        {
            "members": [
                {"id": "a", "role": "applicant", "birth_date": "1990-01-01"},
                {"id": "b", "role": "partner", "birth_date": "1990-01-01"},
                {"id": "c", "role": "partner", "birth_date": "1990-01-01"},
            ]
        },
        "members",
        "seul conjoint",
    ),
    (
        {
            "members": [
                {"id": "p", "role": "applicant", "birth_date": "1990-01-01", "incomes": {"salary_net": {"2026-13": 5}}}
            ]
        },
        "members[0].incomes.salary_net",
        "mois valide",
    ),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[b[1] + "-" + b[2] for b in BAD])
def test_bad_input_names_the_field(change, field, message) -> None:  # type: ignore[no-untyped-def]
    data = {
        "id": "h9",
        "commune": "35238",
        "housing": {"status": "tenant", "rent": 400},
        "members": [{"id": "p", "role": "applicant", "birth_date": "1990-01-01"}],
        **change,
    }
    with pytest.raises(HouseholdError) as error:
        parse_household(data)
    assert error.value.field == field
    assert message in error.value.message
    assert error.value.household_id == "h9"


def test_window_helpers() -> None:
    assert window("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]


def test_the_cash_only_computation_gives_the_same_benefits_as_the_full_one() -> None:
    rng = random.Random(11)
    sample = [_random_household(rng, i) for i in range(30)]
    full = compute_rights(sample, M, chunk_size=12)
    cash = compute_benefits(sample, M, chunk_size=12)
    assert cash == [result.benefits for result in full]
    assert any(benefits["rsa"] > 0 for benefits in cash) and any(benefits["aide_logement"] > 0 for benefits in cash)


def test_the_openfisca_system_is_out_of_the_collectors_reach() -> None:
    import gc

    from alliances.rights.engine.system import tax_benefit_system

    tax_benefit_system()
    assert gc.get_freeze_count() > 100_000
