import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.core.exceptions import ValidationError
from django.db import connection
from pytest_django.fixtures import Settings

from alliances.accounts.models import User
from alliances.households.models import MonthlyIncome
from alliances.income.models import Correction, Cycle, Entitlement, Payment, SepaFile
from alliances.income.services import (
    cycle_approve,
    cycle_close,
    cycle_compute,
    cycle_open,
    cycle_pay,
    enrollment_set,
    entitlement_review,
    rules_load_defaults,
)

from ..conftest import World
from ..factories import UserFactory

M = date(2026, 11, 1)
XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"


@pytest.fixture
def officers(world: World) -> tuple[User, User]:
    return world.user("officer"), UserFactory.create(officer=True)


@pytest.fixture
def enrolled(world: World):  # type: ignore[no-untyped-def]
    officer = world.user("officer")
    enrollment_set(
        actor=officer,
        household=world.household,
        enrolled=True,
        iban="FR76 3000 6000 0112 3456 7890 189",
        account_holder="Camille Martin",
        since=date(2026, 1, 1),
    )
    return world.household


def _paid_cycle(month: date, first, second):  # type: ignore[no-untyped-def]
    cycle = cycle_open(actor=first, month=month)
    cycle_compute(actor=first, cycle=cycle)
    cycle_approve(actor=second, cycle=cycle)
    return cycle_pay(actor=first, cycle=cycle, execution_date=month.replace(day=5))


def test_full_cycle_pays_once_with_a_valid_sepa_file(world: World, officers, enrolled) -> None:  # type: ignore[no-untyped-def]
    first, second = officers
    cycle = _paid_cycle(M, first, second)
    entitlement = Entitlement.objects.get(household=enrolled, month=M)
    # Camille: alone (1 unit), no income, nothing received: 867 € in full.
    assert entitlement.amount == Decimal("867.00") and entitlement.consumption_units == 1
    assert entitlement.rules["guaranteed_level"] == ["867.00", "2020-01-01"]  # value and date; sources on the cycle
    assert "Rennes" in cycle.rules["guaranteed_level"]["source"]
    payment = Payment.objects.get(entitlement=entitlement)
    assert (payment.amount, payment.iban) == (Decimal("867.00"), "FR7630006000011234567890189")
    sepa = SepaFile.objects.get(cycle=cycle)
    assert (sepa.count, sepa.control_sum) == (1, Decimal("867.00"))
    xmlschema.XMLSchema(str(XSD)).validate(sepa.xml)
    assert "<NbOfTxs>1</NbOfTxs>" in sepa.xml and "<CtrlSum>867.00</CtrlSum>" in sepa.xml
    # Re-running every step changes nothing.
    cycle_pay(actor=first, cycle=cycle)
    with pytest.raises(ValidationError):
        cycle_compute(actor=first, cycle=cycle)
    assert Entitlement.objects.count() == 1 and Payment.objects.count() == 1 and SepaFile.objects.count() == 1
    cycle_close(actor=first, cycle=cycle)


def test_four_eyes(world: World, officers, enrolled) -> None:  # type: ignore[no-untyped-def]
    first, second = officers
    cycle = cycle_open(actor=first, month=M)
    with pytest.raises(ValidationError, match="pas possible maintenant"):
        cycle_approve(actor=second, cycle=cycle)  # not computed yet
    cycle_compute(actor=first, cycle=cycle)
    with pytest.raises(ValidationError, match="autre personne"):
        cycle_approve(actor=first, cycle=cycle)
    assert Cycle.objects.get(pk=cycle.pk).status == "computed"
    with pytest.raises(ValidationError):
        cycle_pay(actor=first, cycle=cycle)  # not approved
    assert not Payment.objects.exists()


def test_amounts_above_the_ceiling_are_reviewed_one_by_one(world: World, officers, enrolled) -> None:  # type: ignore[no-untyped-def]
    from alliances.income.models import SchemeRule

    SchemeRule.objects.create(name="review_ceiling", valid_from=date(2026, 1, 1), value="800", source="test")
    first, second = officers
    cycle = cycle_open(actor=first, month=M)
    cycle_compute(actor=first, cycle=cycle)
    with pytest.raises(ValidationError, match="à revoir"):
        cycle_approve(actor=second, cycle=cycle)
    entitlement = Entitlement.objects.get(cycle=cycle)
    with pytest.raises(ValidationError, match="autre personne"):
        entitlement_review(actor=first, entitlement=entitlement)
    entitlement_review(actor=second, entitlement=entitlement)
    assert cycle_approve(actor=second, cycle=cycle).status == "approved"


def test_invalid_iban_is_refused_and_nothing_saved(world: World) -> None:
    from alliances.income.models import Enrollment

    with pytest.raises(ValidationError, match="IBAN n'est pas valide"):
        enrollment_set(
            actor=world.user("officer"),
            household=world.household,
            enrolled=True,
            iban="FR76 3000 6000 0112 3456 7890 188",
            account_holder="X",
        )
    assert not Enrollment.objects.exists()


def test_a_later_change_of_resources_yields_a_correction_not_a_rewrite(world: World, officers, enrolled) -> None:  # type: ignore[no-untyped-def]
    first, second = officers
    _paid_cycle(M, first, second)
    member = world.household.members.get(role="applicant")
    MonthlyIncome.objects.create(member=member, income_type="salary_net", month=M, amount=Decimal("300"))
    december = _paid_cycle(date(2026, 12, 1), first, second)
    november = Entitlement.objects.get(household=enrolled, month=M)
    assert november.amount == Decimal("867.00")  # never silently rewritten
    correction = Correction.objects.get(cycle=december)
    assert correction.kind == "recovery" and correction.difference == Decimal("-300.00")
    assert correction.amount == Decimal("-50.00")  # capped per month
    dec_payment = Payment.objects.get(entitlement__cycle=december)
    assert dec_payment.amount == Decimal("817.00") and dec_payment.corrections_total == Decimal("-50.00")
    # The next cycle recovers the next 50 €, not 300 again.
    january = _paid_cycle(date(2027, 1, 1), first, second)
    assert Correction.objects.get(cycle=january).amount == Decimal("-50.00")


def test_roles_other_than_officers_are_refused(world: World, enrolled) -> None:  # type: ignore[no-untyped-def]
    from alliances.access.policy import AccessDenied

    for name in ("referent_of", "manager", "person_self", "admin"):
        with pytest.raises(AccessDenied):
            cycle_open(actor=world.actor(name), month=M)  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True)
def test_two_computations_and_two_payments_at_once_never_double(world: World, officers, enrolled) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (row locks); SQLite serialises writers anyway.")
    rules_load_defaults()  # a transactional test starts from flushed tables
    first, second = officers
    cycle = cycle_open(actor=first, month=M)
    errors: list[BaseException] = []

    def run(step) -> None:  # type: ignore[no-untyped-def]
        try:
            step()
        except ValidationError:
            pass  # the second one finds the step done
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(lambda: cycle_compute(actor=first, cycle=cycle),)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cycle_approve(actor=second, cycle=cycle)
    threads = [threading.Thread(target=run, args=(lambda: cycle_pay(actor=first, cycle=cycle),)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert Entitlement.objects.filter(month=M).count() == 1
    assert Payment.objects.count() == 1 and SepaFile.objects.count() == 1


def test_an_interrupted_cycle_resumes_and_pays_everyone_exactly_once(
    world: World, officers: tuple[User, User], monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    """The process dies after the first chunk: a second run finishes the rest, nothing twice."""
    from alliances.income.services import compute as services

    from .households import enrolled_households

    first, second = officers
    households = enrolled_households(5, first_person=world.person)
    settings.RMG_CYCLE_CHUNK = 2
    original = services._compute_chunk
    calls = {"n": 0}

    def dies_after_one_chunk(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("killed")
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_compute_chunk", dies_after_one_chunk)
    cycle = cycle_open(actor=first, month=M)
    with pytest.raises(SystemExit):
        cycle_compute(actor=first, cycle=cycle)
    assert Entitlement.objects.filter(cycle=cycle).count() == 2 and Cycle.objects.get().status == "draft"
    monkeypatch.setattr(services, "_compute_chunk", original)
    cycle_compute(actor=first, cycle=cycle)  # resumed
    cycle_approve(actor=second, cycle=cycle)
    cycle_pay(actor=first, cycle=cycle)
    cycle_pay(actor=first, cycle=cycle)
    counts = [Payment.objects.filter(entitlement__household=h).count() for h in households]
    assert counts == [1, 1, 1, 1, 1]


def test_a_large_cycle_is_split_into_several_valid_sepa_files(world: World, officers, settings) -> None:  # type: ignore[no-untyped-def]
    from .households import enrolled_households

    settings.RMG_SEPA_MAX_TRANSFERS = 2
    enrolled_households(5)
    first, second = officers
    cycle = _paid_cycle(M, first, second)
    files = list(SepaFile.objects.filter(cycle=cycle).order_by("sequence"))
    assert [f.count for f in files] == [2, 2, 1]
    assert sum(f.control_sum for f in files) == Decimal("4335.00")
    schema = xmlschema.XMLSchema(str(XSD))
    for sepa in files:
        schema.validate(sepa.xml)
    assert Payment.objects.filter(sepa_file__isnull=True).count() == 0


def test_an_invalid_sepa_file_is_refused() -> None:
    from alliances.income.sepa import SepaValidationError, validate

    with pytest.raises(SepaValidationError):
        validate(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><Nope/></Document>')


def test_a_cycle_for_a_month_whose_resources_are_not_known_yet_is_refused(world: World) -> None:
    """Money review (issue 15), item 6: March 2027 was opened and computed on 2 December 2026, every
    household's resources counted as zero. The opening delay is a dated rule with its source."""
    import time_machine

    from alliances.income.models import Cycle, SchemeRule

    officer = world.user("officer")
    rule = SchemeRule.objects.get(name="opening_delay_months")
    assert rule.value == "1" and "ressources" in rule.source
    with time_machine.travel(date(2026, 12, 2), tick=False):
        for month in (date(2027, 3, 1), date(2026, 12, 1)):
            with pytest.raises(ValidationError) as caught:
                cycle_open(actor=officer, month=month)
            assert "ne sont pas encore connues" in caught.value.message_dict["month"][0]
        assert "à partir du 1er janvier 2027" in str(caught.value)
        assert not Cycle.objects.exists()
        assert cycle_open(actor=officer, month=date(2026, 11, 1)).month == date(2026, 11, 1)
