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
    sepa = client.get(f"/revenu-garanti/cycles/{cycle.pk}/sepa.xml")
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
