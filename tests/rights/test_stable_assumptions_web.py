"""Issue 15, item 1 (the pages): an income with no amount for the month is counted at its last known
amount, "déclaré stable"; the Droits tab says so and lets the worker confirm it ("il continue") or
record that it stopped on a date, in one click, from the assumption the estimate stored."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from alliances.core.months import add_months
from alliances.households.models import Member, MonthlyIncome
from alliances.rights.models import RightsEstimate

from ..conftest import World

Capture = Callable[..., Any]


@pytest.fixture
def carried(world: World, client: Client, django_capture_on_commit_callbacks: Capture) -> Member:
    """350 € of salary recorded for the three months before this one, none for this one."""
    member = Member.objects.get(person=world.person)
    this_month = timezone.localdate().replace(day=1)
    for back in (1, 2, 3):
        month = add_months(this_month, -back)
        MonthlyIncome.objects.create(member=member, income_type="salary_net", month=month, amount=Decimal(350))
    client.force_login(world.user("referent_of"))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/personnes/{world.person.pk}/droits/")
    return member


def _answer(client: Client, world: World, member: Member, capture: Capture, **data: str) -> str:
    with capture(execute=True):
        response = client.post(
            f"/personnes/{world.person.pk}/droits/revenu-stable/",
            {"member_id": str(member.pk), "income_type": "salary_net", **data},
            follow=True,
        )
    return response.content.decode()


def test_the_assumption_is_shown_with_its_one_click_answers(world: World, client: Client, carried: Member) -> None:
    estimate = RightsEstimate.objects.get()
    assert [a["amount"] for a in estimate.assumptions] == [350.0]
    html = client.get(f"/personnes/{world.person.pk}/droits/").content.decode().replace("\u202f", " ")
    assert "Revenus comptés comme stables" in html and "déclaré stable" in html
    assert "Il continue : enregistrer 350,00 €" in html and "Enregistrer l'arrêt de ce revenu" in html


def test_it_continues_records_the_amount_and_the_estimate_is_recomputed(
    world: World, client: Client, carried: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    html = _answer(client, world, carried, django_capture_on_commit_callbacks, choice="continues")
    this_month = timezone.localdate().replace(day=1)
    assert MonthlyIncome.objects.get(member=carried, month=this_month).amount == Decimal(350)
    assert "C&#x27;est enregistré" in html
    assert RightsEstimate.objects.get().assumptions == []  # recomputed by the queue: no assumption left


def test_it_stopped_records_zero_from_the_month_after_and_says_the_rule(
    world: World, client: Client, carried: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    this_month = timezone.localdate().replace(day=1)
    last_day_before = this_month - timedelta(days=5)
    _answer(
        client,
        world,
        carried,
        django_capture_on_commit_callbacks,
        choice="stopped",
        ended_on=last_day_before.isoformat(),
    )
    assert MonthlyIncome.objects.get(member=carried, month=this_month).amount == 0
    estimate = RightsEstimate.objects.get()
    assert estimate.assumptions == [] and "neutralisation" in estimate.explanations["rsa"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"choice": "stopped"}, "Indiquez la date du dernier jour"),
        ({"choice": "stopped", "ended_on": "2999-01-01"}, "dans le futur"),
        ({"choice": "peut-être"}, "Choisissez une réponse"),
    ],
)
def test_a_bad_answer_is_said_in_french_and_records_nothing(
    world: World,
    client: Client,
    carried: Member,
    django_capture_on_commit_callbacks: Capture,
    data: dict[str, str],
    message: str,
) -> None:
    before = MonthlyIncome.objects.count()
    html = _answer(client, world, carried, django_capture_on_commit_callbacks, **data)
    assert message in html and MonthlyIncome.objects.count() == before


def test_an_answer_about_another_household_changes_nothing(
    world: World, client: Client, carried: Member, django_capture_on_commit_callbacks: Capture
) -> None:
    other = Member.objects.get(person=world.other_person)
    before = MonthlyIncome.objects.count()
    html = _answer(client, world, other, django_capture_on_commit_callbacks, choice="continues")
    assert "Cette estimation a changé" in html and MonthlyIncome.objects.count() == before


def test_the_person_reads_the_assumption_without_the_workers_buttons(
    world: World, client: Client, carried: Member
) -> None:
    client.force_login(world.user("person_self"))
    html = client.get("/mon-espace/droits/").content.decode()
    assert "déclaré stable" in html and "Il continue" not in html
