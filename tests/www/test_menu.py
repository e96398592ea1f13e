"""The main menu is built from the policy (issue 19): every link it shows opens for that account, every
account starts on a page it may open, and the menu follows the policy when the policy changes."""

import pytest
from django.test import Client
from django.urls import reverse

from alliances.www import menu as menu_module
from alliances.www.menu import landing_for, menu_for

from ..conftest import ALL_ACTORS, World

ACCOUNTS = [name for name in ALL_ACTORS if name != "anonymous"]
EXPECTED = {
    "person_self": 16,
    "person_other": 16,
    "peer_ally": 17,
    "referent_of": 4,
    "referent_other": 4,
    "mediator_shared": 4,
    "mediator_unshared": 4,
    "partner_ally": 1,
    "manager": 3,
    "officer": 4,
    "admin": 1,
}


@pytest.mark.parametrize("name", ACCOUNTS)
def test_every_link_of_the_menu_opens_for_that_account(world: World, client: Client, name: str) -> None:
    user = world.user(name)
    client.force_login(user)
    items = menu_for(user)
    assert len(items) == EXPECTED[name]
    for url, label in items:
        assert client.get(url).status_code == 200, (name, label)
    assert client.get(landing_for(user)).status_code == 200


@pytest.mark.parametrize(
    ("name", "label"),
    [("referent_of", "Mes accompagnements"), ("peer_ally", "Les personnes que j'aide"), ("officer", "Personnes")],
)
def test_the_caseload_is_named_after_what_it_holds(world: World, name: str, label: str) -> None:
    assert (reverse("caseload"), label) in menu_for(world.user(name))


def test_a_link_follows_the_policy_not_the_role(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    manager = world.user("manager")
    assert (reverse("steering"), "Pilotage") in menu_for(manager)
    entries = [
        menu_module.Entry(e.url_name, e.label, lambda user: False) if e.url_name == "steering" else e
        for e in menu_module.MENU
    ]
    monkeypatch.setattr(menu_module, "MENU", entries)
    assert (reverse("steering"), "Pilotage") not in menu_for(manager)


def test_each_account_starts_where_its_work_is(world: World, client: Client) -> None:
    client.force_login(world.user("manager"))
    assert client.get(reverse("home"))["Location"] == reverse("steering")
    client.force_login(world.user("referent_of"))
    assert client.get(reverse("home"))["Location"] == reverse("caseload")
    client.force_login(world.user("peer_ally"))
    assert client.get(reverse("home"))["Location"] == reverse("portal:home")


@pytest.mark.parametrize(
    ("name", "scope"), [("referent_of", "de mes accompagnements"), ("officer", "de tous les foyers")]
)
def test_the_rights_check_says_whose_households_it_covers(world: World, client: Client, name: str, scope: str) -> None:
    client.force_login(world.user(name))
    assert f"Lancer une vérification {scope}" in client.get(reverse("non_take_up")).content.decode()


def test_staff_pages_count_in_french(world: World, client: Client) -> None:
    """French puts 0 and 1 in the singular ("0 minute"), and a plural subject takes "leur"."""
    client.force_login(world.user("mediator_shared"))
    assert "Ce mois-ci : 0 minute." in client.get(reverse("mediation_desk")).content.decode()
    client.force_login(world.user("manager"))
    page = client.get(reverse("steering")).content.decode()
    assert "personnes utilisent leur espace personnel." in page or "personne utilise son espace personnel." in page
    assert "utilisent son espace" not in page
