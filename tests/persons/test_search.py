"""Security review, finding 2: search, filters and sort order use only what the actor may see."""

from typing import Any

import pytest
from django.test import Client

from alliances.accounts.services import api_token_create
from alliances.caseload.selectors import caseload_for
from alliances.circles.enums import AllyRole
from alliances.households.enums import HousingStatus
from alliances.households.models import Housing
from alliances.persons.selectors import person_search

from ..conftest import World
from ..factories import PersonFactory, ally, household_for


def _names(queryset, but: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    return [p.first_name for p in queryset if p.first_name != but]


def test_a_peer_cannot_find_a_person_by_last_name(world: World) -> None:
    peer = world.user("peer_ally")
    assert _names(person_search(actor=peer, text="Cam")) == ["Camille"]
    for letters in ("Ma", "Mar", "Martin", "tin", "rt"):
        assert _names(person_search(actor=peer, text=letters)) == [], letters
    # The referent, who sees the identity, finds her by last name.
    assert _names(person_search(actor=world.user("referent_of"), text="Martin")) == ["Camille"]


def test_a_first_name_search_does_not_match_the_other_civil_first_names(world: World) -> None:
    world.person.first_names = "Camille Béatrice"
    world.person.save()
    peer = world.user("peer_ally")
    assert _names(person_search(actor=peer, text="Béa")) == []
    assert _names(person_search(actor=world.user("referent_of"), text="Béa")) == ["Camille"]


def test_the_order_of_names_a_peer_sees_does_not_follow_last_names(world: World) -> None:
    peer = world.user("peer_ally")
    for first, last in (("Zoé", "Aubert"), ("Anne", "Zidane"), ("Marc", "Leroy")):
        other = PersonFactory.create(first_names=first, last_name=last)
        ally(other, peer, AllyRole.PEER)
    # Others by the first name the peer sees; their own file (Auguste Pair) by its full name.
    assert _names(person_search(actor=peer, text="")) == ["Anne", "Camille", "Marc", "Zoé", "Auguste"]
    assert _names(caseload_for(actor=peer)) == ["Anne", "Camille", "Marc", "Zoé", "Auguste"]


@pytest.mark.parametrize("name", ["mediator_unshared", "partner_ally", "peer_ally"])
def test_a_housing_filter_never_matches_a_household_not_shared(world: World, name: str) -> None:
    Housing.objects.filter(household=world.household).update(status=HousingStatus.HOMELESS)
    actor = world.user(name)
    assert _names(caseload_for(actor=actor), but="Auguste") == ["Camille"]  # the person is on their list…
    assert _names(caseload_for(actor=actor, housing=HousingStatus.HOMELESS)) == []  # …but not by her housing
    assert _names(caseload_for(actor=actor, housing=HousingStatus.TENANT)) == []
    assert _names(caseload_for(actor=actor, commune="35238")) == []
    assert _names(caseload_for(actor=actor, portal="yes"), but="Auguste") == []


def test_filters_match_where_the_household_is_shared(world: World) -> None:
    Housing.objects.filter(household=world.household).update(status=HousingStatus.HOMELESS)
    actor = world.user("mediator_shared")
    assert _names(caseload_for(actor=actor, housing=HousingStatus.HOMELESS)) == ["Camille"]
    assert _names(caseload_for(actor=actor, commune="35238")) == ["Camille"]


def test_the_api_search_follows_the_same_rule(world: World, client: Client) -> None:
    _, token = api_token_create(user=world.user("peer_ally"), name="t")
    auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    found = client.get("/api/persons", {"q": "Mar"}, **auth).json()
    assert found["count"] == 0
    found = client.get("/api/persons", {"q": "Camille"}, **auth).json()
    assert [item["name"] for item in found["items"]] == ["Camille"]


def test_the_web_filter_follows_the_same_rule(world: World, client: Client) -> None:
    household_for(PersonFactory.create())  # someone else, homeless or not, is never listed
    Housing.objects.filter(household=world.household).update(status=HousingStatus.HOMELESS)
    client.force_login(world.user("mediator_unshared"))
    page = client.get("/personnes/", {"housing": HousingStatus.HOMELESS}).content.decode()
    assert "Camille" not in page


# --- The access matrix of searches and filters: every actor, every field, the policy as the oracle ----------

from alliances.access.actions import Action  # noqa: E402
from alliances.access.categories import Category  # noqa: E402
from alliances.access.policy import can  # noqa: E402

from ..conftest import ALL_ACTORS  # noqa: E402

SEARCHES: dict[str, tuple[dict[str, str], Category | None]] = {
    # case → (query string, the part of the file the match reads)
    "last_name": ({"q": "Martin"}, Category.IDENTITY),
    "first_name": ({"q": "Camille"}, None),  # the first name is what every ally sees
    "housing": ({"housing": HousingStatus.TENANT}, Category.HOUSEHOLD),
    "commune": ({"commune": "35238"}, Category.HOUSEHOLD),
    "portal": ({"portal": "yes"}, Category.IDENTITY),
}
MATRIX = [(actor, case) for actor in ALL_ACTORS if actor != "anonymous" for case in SEARCHES]


@pytest.mark.parametrize(("actor_name", "case"), MATRIX, ids=[f"{a}-{c}" for a, c in MATRIX])
def test_a_search_matches_only_on_what_the_actor_may_see(world: World, actor_name: str, case: str) -> None:
    actor = world.user(actor_name)
    params, category = SEARCHES[case]
    found = world.person.pk in set(
        caseload_for(
            actor=actor,
            text=params.get("q", ""),
            housing=params.get("housing", ""),
            commune=params.get("commune", ""),
            portal=params.get("portal", ""),
        ).values_list("pk", flat=True)
    )
    from alliances.access.policy import persons_visible_to

    visible = persons_visible_to(actor).filter(pk=world.person.pk).exists()
    expected = visible and (category is None or can(actor, Action.VIEW, world.person, category))
    assert found == expected
