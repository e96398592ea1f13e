from django.test import Client

from ..conftest import World


def test_only_the_admin_role_enters_the_admin(world: World, client: Client) -> None:
    for name in ("referent_of", "manager", "instructor", "person_self"):
        client.force_login(world.actor(name))  # type: ignore[arg-type]
        assert client.get("/admin/").status_code == 302
    client.force_login(world.actor("admin"))  # type: ignore[arg-type]
    assert client.get("/admin/").status_code == 200


def test_admin_lists_staff_accounts_but_no_person(world: World, client: Client) -> None:
    client.force_login(world.actor("admin"))  # type: ignore[arg-type]
    html = client.get("/admin/accounts/user/").content.decode()
    assert world.actor("referent_of").email in html  # type: ignore[union-attr]
    assert "camille@alliances.test" not in html
    assert client.get("/admin/persons/person/").status_code == 404
