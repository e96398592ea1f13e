from datetime import date

from django.test import Client

from alliances.income.models import Cycle, Enrollment, Payment
from alliances.income.services import cycle_approve, cycle_compute, cycle_open, cycle_pay, enrollment_set

from ..conftest import World
from ..factories import UserFactory


def _paid(world: World) -> Cycle:
    first, second = world.actor("instructor"), UserFactory(instructor=True)
    enrollment_set(
        actor=first,
        household=world.household,
        enrolled=True,
        iban="FR7630006000011234567890189",  # type: ignore[arg-type]
        account_holder="Camille Martin",
        since=date(2026, 1, 1),
    )
    cycle = cycle_open(actor=first, month=date(2026, 10, 1))  # type: ignore[arg-type]
    cycle_compute(actor=first, cycle=cycle)  # type: ignore[arg-type]
    cycle_approve(actor=second, cycle=cycle)
    return cycle_pay(actor=first, cycle=cycle)  # type: ignore[arg-type]


def test_the_person_sees_each_amount_and_why(world: World, client: Client) -> None:
    _paid(world)
    client.force_login(world.actor("person_self"))  # type: ignore[arg-type]
    html = client.get("/mon-espace/revenu/").content.decode().replace("\u202f", " ")
    assert "Octobre 2026 : 867,00 €" in html
    assert "Votre niveau garanti est de 867,00 €" in html and "Le complément est de 867,00 €" in html
    assert "Versé : 867,00 €" in html and "0189" in html and "FR7630006000011234567890189" not in html


def test_officer_runs_the_cycle_from_the_pages(
    world: World, client: Client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    Enrollment.objects.create(
        household=world.household,
        enrolled=True,
        since=date(2026, 1, 1),
        iban="FR7630006000011234567890189",
        account_holder="Camille Martin",
    )
    client.force_login(world.actor("instructor"))  # type: ignore[arg-type]
    response = client.post("/revenu-garanti/cycles/", {"month": "2026-10"})
    cycle = Cycle.objects.get()
    assert response["Location"] == f"/revenu-garanti/cycles/{cycle.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/revenu-garanti/cycles/{cycle.pk}/calculer/")
    assert Cycle.objects.get().status == "computed"
    page = client.post(f"/revenu-garanti/cycles/{cycle.pk}/approuver/", follow=True).content.decode()
    assert "autre personne" in page
    client.force_login(UserFactory(instructor=True))
    client.post(f"/revenu-garanti/cycles/{cycle.pk}/approuver/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/revenu-garanti/cycles/{cycle.pk}/payer/")
    assert Payment.objects.count() == 1
    sepa = client.get(f"/revenu-garanti/cycles/{cycle.pk}/sepa-1.xml")
    assert sepa["Content-Type"] == "application/xml" and b"<CtrlSum>867.00</CtrlSum>" in sepa.content


def test_bad_iban_in_the_form_changes_nothing(world: World, client: Client) -> None:
    client.force_login(world.actor("referent_of"))  # type: ignore[arg-type]
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
    client.force_login(world.actor("manager"))  # type: ignore[arg-type]
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

    client.force_login(world.actor("admin"))  # type: ignore[arg-type]
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
    officer = world.user("instructor")
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
