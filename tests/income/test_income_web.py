import re
from datetime import date

from django.test import Client
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from alliances.income.models import Cycle, Enrollment, Payment
from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay, enrollment_set

from ..conftest import World
from ..factories import UserFactory


def _paid(world: World) -> Cycle:
    first, second = world.user("officer"), UserFactory.create(officer=True)
    enrollment_set(
        actor=first,
        household=world.household,
        enrolled=True,
        iban="FR7630006000011234567890189",
        account_holder="Camille Martin",
        since=date(2026, 1, 1),
    )
    cycle = cycle_open(actor=first, month=date(2026, 10, 1))
    cycle_compute(actor=first, cycle=cycle)
    cycle_approve(actor=second, cycle=cycle)
    return cycle_pay(actor=first, cycle=cycle)


def test_the_person_sees_each_amount_and_why(world: World, client: Client) -> None:
    _paid(world)
    client.force_login(world.user("person_self"))
    html = client.get("/mon-espace/revenu/").content.decode().replace("\u202f", " ")
    assert "Octobre 2026 : 867,00 €" in html
    assert "Votre niveau garanti est de 867,00 €" in html and "Le complément est de 867,00 €" in html
    assert "Versé : 867,00 €" in html and "0189" in html and "FR7630006000011234567890189" not in html


def test_staff_read_the_same_explanation_about_the_person(world: World, client: Client) -> None:
    cycle = _paid(world)
    entitlement = cycle.entitlements.get()
    for user, url in (
        (world.user("referent_of"), f"/personnes/{world.person.pk}/revenu/"),
        (world.user("officer"), f"/revenu-garanti/cycles/{cycle.pk}/droits/{entitlement.pk}/"),
    ):
        client.force_login(user)
        html = client.get(url).content.decode().replace("\u202f", " ")
        assert "Le niveau garanti du foyer est de 867,00 €" in html, url
        assert "Votre niveau garanti" not in html and "Vos ressources" not in html, url


def test_officer_runs_the_cycle_from_the_pages(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    Enrollment.objects.create(
        household=world.household,
        enrolled=True,
        since=date(2026, 1, 1),
        iban="FR7630006000011234567890189",
        account_holder="Camille Martin",
    )
    client.force_login(world.user("officer"))
    response = client.post("/revenu-garanti/cycles/", {"month": "2026-10"})
    cycle = Cycle.objects.get()
    assert response["Location"] == f"/revenu-garanti/cycles/{cycle.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/revenu-garanti/cycles/{cycle.pk}/calculer/")
    assert Cycle.objects.get().status == "computed"
    page = client.post(f"/revenu-garanti/cycles/{cycle.pk}/approuver/", follow=True).content.decode()
    assert "autre personne" in page
    client.force_login(UserFactory.create(officer=True))
    client.post(f"/revenu-garanti/cycles/{cycle.pk}/approuver/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/revenu-garanti/cycles/{cycle.pk}/payer/")
    assert Payment.objects.count() == 1
    sepa = client.get(f"/revenu-garanti/cycles/{cycle.pk}/sepa-1.xml")
    assert sepa["Content-Type"] == "application/xml" and b"<CtrlSum>867.00</CtrlSum>" in sepa.content


def test_bad_iban_in_the_form_changes_nothing(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    page = client.post(
        f"/foyers/{world.household.pk}/revenu-garanti/",
        {"enrolled": "on", "iban": "FR76 1234", "account_holder": "Camille"},
        follow=True,
    )
    assert "IBAN n&#x27;est pas valide" in page.content.decode()
    assert not Enrollment.objects.exists()


def test_budget_page_over_an_uploaded_population(world: World, client: Client) -> None:
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    population = "\n".join(
        json.dumps(
            {
                "id": f"s{i}",
                "commune": "35238",
                "enrolled": True,
                "housing": {"status": "hosted"},
                "members": [
                    {"role": "applicant", "birth_date": "1980-01-01", "incomes": {"salary_net": {"2026-11": 100.0 * i}}}
                ],
            }
        )
        for i in range(5)
    )
    client.force_login(world.user("manager"))
    page = (
        client.post(
            "/revenu-garanti/simulation/",
            {
                "month": "2026-11",
                "guaranteed_level": "900",
                "population": SimpleUploadedFile("pop.jsonl", population.encode()),
            },
        )
        .content.decode()
        .replace("\u202f", " ")
    )
    # today: 867+767+667+567+467 = 3335; variant: 900+800+700+600+500 = 3500
    assert "Résultat sur 5 foyers" in page and "3 335,00 €" in page and "3 500,00 €" in page
    assert "<svg" in page and "gagne moins de 50 €" in page
    bad = client.post(
        "/revenu-garanti/simulation/",
        {"month": "2026-11", "population": SimpleUploadedFile("bad.json", b'{"id": "x", "commune": "35238"}')},
    )
    assert "Foyer x" in bad.content.decode()


def test_admin_adds_a_dated_rule_and_history_is_kept(world: World, client: Client) -> None:
    from alliances.income.models import SchemeRule

    client.force_login(world.user("admin"))
    before = SchemeRule.objects.count()
    response = client.post(
        "/admin/income/schemerule/add/",
        {"name": "guaranteed_level", "valid_from": "2027-01-01", "value": "900.00", "source": "Délibération test"},
    )
    assert response.status_code == 302
    assert SchemeRule.objects.count() == before + 1
    old = SchemeRule.objects.get(name="guaranteed_level", valid_from=date(2020, 1, 1))
    assert client.post(f"/admin/income/schemerule/{old.pk}/delete/", {"post": "yes"}).status_code == 403
    assert SchemeRule.objects.filter(pk=old.pk).exists()


def test_downloading_a_sepa_file_is_a_recorded_read_of_each_household_paid(world: World, client: Client) -> None:
    """Security review, finding 5: the file holds names, IBANs and amounts of every household it pays."""
    from alliances.audit.models import AuditEvent

    cycle = _paid(world)
    officer = world.user("officer")
    client.force_login(officer)
    before = AuditEvent.objects.count()
    sepa = client.get(f"/revenu-garanti/cycles/{cycle.pk}/sepa-1.xml")
    assert sepa.status_code == 200
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert event is not None
    assert (event.actor_id, event.person_id, event.category, event.action) == (
        officer.pk,
        world.person.pk,
        "household",
        "read",
    )
    assert "SEPA" in event.detail
    assert client.get(f"/revenu-garanti/cycles/{cycle.pk}/sepa-9.xml").status_code == 404


# --- Money review (issue 15), item 8: each transition checks before it starts, and failures are shown -------


def _officers_cycle(world: World, status: str = "draft") -> Cycle:
    cycle = Cycle.objects.create(month=date(2026, 10, 1), status=status)
    return cycle


def test_computing_a_paid_cycle_is_refused_with_the_reason_and_nothing_is_queued(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    cycle = _officers_cycle(world, status="paid")
    client.force_login(world.user("officer"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        page = client.post(f"/revenu-garanti/cycles/{cycle.pk}/calculer/", follow=True).content.decode()
    assert queued == []
    assert "Le calcul est lancé" not in page
    assert "Payé" in page and "pas possible maintenant" in page


def test_paying_with_households_missing_their_iban_lists_them_and_queues_nothing(
    world: World, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from decimal import Decimal

    from alliances.income.models import Entitlement

    first, second = world.user("officer"), UserFactory.create(officer=True)
    Enrollment.objects.create(household=world.household, enrolled=True, since=date(2026, 1, 1), iban="")
    cycle = Cycle.objects.create(month=date(2026, 10, 1), status="approved", computed_by=first, approved_by=second)
    Entitlement.objects.create(
        cycle=cycle,
        household=world.household,
        month=cycle.month,
        eligible=True,
        consumption_units=Decimal(1),
        guaranteed=Decimal(867),
        resources=Decimal(0),
        amount=Decimal(867),
        breakdown={},
        rules={},
    )
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        page = client.post(f"/revenu-garanti/cycles/{cycle.pk}/payer/", follow=True).content.decode()
    assert queued == []
    assert "en préparation" not in page
    assert f"1 foyer sans IBAN : {world.household.reference}" in page
    assert Payment.objects.count() == 0


def test_a_step_that_fails_in_the_queue_is_shown_on_the_cycle_page(world: World, client: Client) -> None:
    from unittest import mock

    import pytest

    from alliances.income.tasks import cycle_compute_task

    cycle = _officers_cycle(world)
    officer = world.user("officer")
    failing = mock.patch("alliances.income.services.cycle_compute_plan", side_effect=RuntimeError("boom"))
    with failing, pytest.raises(RuntimeError):  # raised again for the queue's retries
        cycle_compute_task.call_local(cycle.pk, officer.pk)
    cycle.refresh_from_db()
    assert cycle.failure.startswith("Calcul : une erreur inattendue")
    client.force_login(officer)
    page = client.get(f"/revenu-garanti/cycles/{cycle.pk}/").content.decode()
    assert "La dernière étape a échoué" in page and "boom" not in page
    # Starting the step again clears it.
    client.post(f"/revenu-garanti/cycles/{cycle.pk}/calculer/")
    cycle.refresh_from_db()
    assert cycle.failure == ""


def test_an_amount_is_reviewed_only_while_its_cycle_is_computed(world: World) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    from alliances.income.services import entitlement_review

    cycle = _paid(world)
    entitlement = cycle.entitlements.get()
    with pytest.raises(ValidationError, match="ne se revoient plus"):
        entitlement_review(actor=UserFactory.create(officer=True), entitlement=entitlement)


def test_the_persons_access_log_names_the_cycle_steps_for_what_they_are(world: World, client: Client) -> None:
    """Money review (issue 15), item 9: computing the cycle showed as an officer's "Modification"."""
    _paid(world)
    client.force_login(world.user("person_self"))
    page = client.get("/mon-espace/journal/").content.decode()
    assert "a calculé votre revenu garanti d&#x27;octobre 2026" in page
    assert "a versé votre revenu garanti d&#x27;octobre 2026" in page
    assert "a modifié votre foyer et vos ressources" in page  # the enrolment stays a modification


def test_the_person_reads_the_amount_paid_and_its_date_first_then_how(world: World, client: Client) -> None:
    """Money review (issue 15), item 9: the page leads with what was paid and when, explains the unit."""
    cycle = _paid(world)
    execution = cycle.sepa_files.get().execution_date
    client.force_login(world.user("person_self"))
    html = client.get("/mon-espace/revenu/").content.decode().replace("\u202f", " ").replace("&#x27;", "'")
    paid = html.index("Versé : 867,00 €")
    how = html.index("Comment ce montant est calculé")
    assert paid < how
    from alliances.core.months import MONTH_NAMES as months

    assert execution is not None
    assert f"le {execution.day} {months[execution.month - 1]} {execution.year}" in html
    assert "unités de consommation" in html and "0,5 pour chaque autre personne" in html
    assert "1.0" not in html and "× 1 unité" in html


def test_pages_that_list_payments_never_read_the_sepa_files_xml(world: World, client: Client) -> None:
    """A SEPA file's XML (megabytes, encrypted) is read on download only: the household's months, the
    cycle page and the cycles list show its date, count and sum (bench/load_city.py found 291 ms)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cycle = _paid(world)
    pages = [
        (world.user("person_self"), "/mon-espace/revenu/"),
        (world.user("referent_of"), f"/personnes/{world.person.pk}/revenu/"),
        (world.user("officer"), f"/revenu-garanti/cycles/{cycle.pk}/"),
        (world.user("officer"), "/revenu-garanti/cycles/"),
    ]
    for user, url in pages:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode().replace("\u202f", " ")
        assert "867,00 €" in html, url
        loaded = [
            q["sql"] for q in queries.captured_queries if re.search(r'"income_sepafile"\."xml"(,| FROM)', q["sql"])
        ]
        assert not loaded, url


def test_the_cycles_list_counts_households_and_total_of_each_month(world: World, client: Client) -> None:
    cycle = _paid(world)
    draft = Cycle.objects.create(month=date(2026, 9, 1))
    client.force_login(world.user("officer"))
    html = client.get("/revenu-garanti/cycles/").content.decode().replace("\u202f", " ")
    row = html.split(f'/revenu-garanti/cycles/{cycle.pk}/"')[1].split("</tr>")[0]
    assert "<td>1</td>" in row and "867,00 €" in row
    row = html.split(f'/revenu-garanti/cycles/{draft.pk}/"')[1].split("</tr>")[0]
    assert "<td>0</td>" in row and "—" in row
