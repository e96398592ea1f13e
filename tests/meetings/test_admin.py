"""The admin manages offices (address, accessibility); an office is closed, never deleted."""

from django.test import Client

from alliances.meetings.models import Office

from ..conftest import World


def test_the_admin_adds_an_office_and_cannot_delete_it(world: World, client: Client) -> None:
    client.force_login(world.user("admin"))
    response = client.post(
        "/admin/meetings/office/add/",
        {
            "name": "Accueil Maurepas",
            "address": "32 rue de la Marbaudais",
            "accessibility": "Ascenseur",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content[:500]
    office = Office.objects.get()
    assert office.accessibility == "Ascenseur"
    assert client.get(f"/admin/meetings/office/{office.pk}/delete/").status_code == 403
