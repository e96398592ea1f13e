"""Peers: opt-in profiles, ranked candidates with reasons, consent on both sides, ending, mutual aid."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can, forget, name_visible_to
from alliances.accounts.models import User
from alliances.audit.models import AuditEvent
from alliances.circles.enums import AllyRole, InteractionKind, LinkType
from alliances.circles.models import Ally, Interaction
from alliances.notifications.models import Notification
from alliances.peers.enums import MatchState
from alliances.peers.models import PeerMatch, PeerProfile, PeerRequest
from alliances.peers.selectors import candidates_for, candidates_rank, matches_of
from alliances.peers.services import (
    match_answer,
    match_choose,
    match_end,
    mutual_aid_record,
    peer_request_create,
    profile_offer,
    profile_withdraw,
)
from alliances.persons.models import Person

from ..conftest import World
from ..factories import PersonFactory, UserFactory


def offer(user: User, **overrides: object) -> PeerProfile:
    values: dict[str, object] = {
        "experiences": ["lone_parent"],
        "procedures": ["caf_quarterly_declaration"],
        "languages": ["fr", "ar"],
        "neighbourhood": "blosne",
        "availability": ["weekday_morning"],
        "capacity": 2,
    }
    values.update(overrides)
    return profile_offer(actor=user, **values)  # type: ignore[arg-type]


def new_peer(first_name: str, **overrides: object) -> tuple[User, PeerProfile]:
    account = UserFactory.create(person=True)
    PersonFactory.create(first_names=first_name, last_name="Secret", account=account)
    return account, offer(account, **overrides)


def ask(world: World, **wishes: object) -> PeerRequest:
    return peer_request_create(actor=world.user("person_self"), person=world.person, **wishes)  # type: ignore[arg-type]


@pytest.fixture
def samia(world: World) -> tuple[User, PeerProfile]:
    return new_peer("Samia")


def test_offer_records_the_profile_and_its_tags(world: World) -> None:
    profile = offer(world.user("peer_ally"))
    assert profile.active and profile.capacity == 2
    assert set(profile.tags.values_list("code", flat=True)) == {
        "exp:lone_parent",
        "proc:caf_quarterly_declaration",
        "lang:fr",
        "lang:ar",
        "area:blosne",
        "avail:weekday_morning",
    }
    assert AuditEvent.objects.filter(detail="offre d'aide").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"experiences": ["astrology"]}, "experiences"),
        ({"procedures": ["not_a_procedure"]}, "procedures"),
        ({"languages": ["klingon"]}, "languages"),
        ({"neighbourhood": "atlantis"}, "neighbourhood"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 99}, "capacity"),
        ({"experiences": [], "procedures": []}, "experiences"),
    ],
)
def test_a_bad_offer_is_refused_in_french_and_writes_nothing(
    world: World, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        offer(world.user("peer_ally"), **overrides)
    assert field in error.value.message_dict
    assert not PeerProfile.objects.exists()


def test_staff_cannot_offer_help(world: World) -> None:
    with pytest.raises(AccessDenied):
        offer(world.user("referent_of"))


def test_candidates_are_ranked_with_at_least_two_reasons_in_plain_french(world: World) -> None:
    _, samia = new_peer(
        "Samia", experiences=["lone_parent"], languages=["ar"], procedures=["caf_quarterly_declaration"]
    )
    _, bruno = new_peer("Bruno", experiences=["debt"], languages=["fr"], procedures=[], neighbourhood="")
    request = ask(world, experiences=["lone_parent"], languages=["ar"], procedures=["caf_quarterly_declaration"])
    found = candidates_for(actor=world.user("person_self"), request=request)
    assert [c.profile_id for c in found] == [samia.pk, bruno.pk]
    first = found[0]
    assert first.first_name == "Samia"
    assert "a aussi élevé ses enfants seul·e" in first.reasons
    assert "parle arabe" in first.reasons
    assert any("Déclaration trimestrielle" in r for r in first.reasons)
    assert all(len(c.reasons) >= 2 for c in found)
    # First names only: no last name anywhere in what the candidates carry.
    assert "Secret" not in repr(found)
    assert AuditEvent.objects.filter(person_id=world.person.pk, detail="pairs proposés").exists()


def test_only_opted_in_peers_with_room_appear_and_busy_peers_rank_lower(world: World) -> None:
    _, busy = new_peer("Busy", capacity=3)
    _, free = new_peer("Free", capacity=3)
    _, full = new_peer("Full", capacity=1)
    _, gone = new_peer("Gone")
    profile_withdraw(actor=gone.person.account)  # type: ignore[arg-type]
    PeerProfile.objects.filter(pk=busy.pk).update(open_matches=2)
    PeerProfile.objects.filter(pk=full.pk).update(open_matches=1)
    request = ask(world, experiences=["lone_parent"])
    ranked = [c.profile_id for c in candidates_rank(request)]
    assert ranked == [free.pk, busy.pk]


def test_the_person_is_never_their_own_candidate(world: World) -> None:
    offer(world.user("person_self"))
    assert candidates_rank(ask(world, experiences=["lone_parent"])) == []


def test_a_peer_already_in_the_circle_is_not_proposed_again(world: World) -> None:
    offer(world.user("peer_ally"))  # Auguste is already a peer in Camille's circle
    assert candidates_rank(ask(world, experiences=["lone_parent"])) == []


def test_consent_on_both_sides_then_the_peer_joins_the_circle_sharing_nothing(
    world: World, samia: tuple[User, PeerProfile]
) -> None:
    account, profile = samia
    request = ask(world, experiences=["lone_parent"])
    match = match_choose(actor=world.user("person_self"), request=request, peer_id=profile.pk, reasons=["x", "y"])
    assert match.state == MatchState.PROPOSED and match.person_yes_at is not None
    profile.refresh_from_db()
    assert profile.open_matches == 1
    # Before the peer's yes: not in the circle, nothing of the file visible.
    assert not Ally.objects.filter(person=world.person, user=account).exists()
    assert not can(account, Action.VIEW, world.person, Category.IDENTITY)
    assert Notification.objects.filter(person=profile.person, kind="match_proposed").exists()

    match = match_answer(actor=account, match=match, accept=True)
    assert match.state == MatchState.AGREED
    ally = Ally.objects.get(person=world.person, user=account)
    assert ally.role == AllyRole.PEER and ally.link_types == [LinkType.CONSIDERATION]
    assert not ally.sharings.exists()
    forget(account)
    assert name_visible_to(account, world.person) == "Camille"
    assert not any(can(account, Action.VIEW, world.person, c) for c in Category)
    assert Notification.objects.filter(kind="match_agreed").count() == 2


def test_the_peer_declines_without_a_reason_and_the_place_is_freed(
    world: World, samia: tuple[User, PeerProfile]
) -> None:
    account, profile = samia
    match = match_choose(actor=world.user("person_self"), request=ask(world), peer_id=profile.pk, reasons=[])
    match = match_answer(actor=account, match=match, accept=False)
    assert match.state == MatchState.DECLINED
    profile.refresh_from_db()
    assert profile.open_matches == 0
    assert not Ally.objects.filter(person=world.person, user=account).exists()


def test_the_referent_asks_on_behalf_and_the_person_must_still_say_yes(
    world: World, samia: tuple[User, PeerProfile]
) -> None:
    account, profile = samia
    request = peer_request_create(actor=world.user("referent_of"), person=world.person, experiences=["lone_parent"])
    assert request.on_behalf
    match = match_choose(actor=world.user("referent_of"), request=request, peer_id=profile.pk, reasons=[])
    assert match.person_yes_at is None
    match = match_answer(actor=account, match=match, accept=True)
    assert match.state == MatchState.PROPOSED  # the peer said yes; the person has not yet
    with pytest.raises(ValidationError):
        match_answer(actor=account, match=match, accept=True)  # not the peer's turn any more
    match = match_answer(actor=world.user("person_self"), match=match, accept=True)
    assert match.state == MatchState.AGREED


def test_other_actors_cannot_ask_choose_or_answer(world: World, samia: tuple[User, PeerProfile]) -> None:
    _, profile = samia
    for name in ("referent_other", "mediator_shared", "person_other", "manager", "officer"):
        with pytest.raises(AccessDenied):
            peer_request_create(actor=world.user(name), person=world.person)
    request = ask(world)
    match = match_choose(actor=world.user("person_self"), request=request, peer_id=profile.pk, reasons=[])
    for name in ("referent_of", "person_other", "mediator_shared"):
        with pytest.raises(AccessDenied):
            match_answer(actor=world.user(name), match=match, accept=True)


def test_matching_a_withdrawn_or_full_peer_is_refused_in_french(world: World) -> None:
    gone_account, gone = new_peer("Gone")
    _, full = new_peer("Full", capacity=1)
    PeerProfile.objects.filter(pk=full.pk).update(open_matches=1)
    profile_withdraw(actor=gone_account)
    request = ask(world)
    with pytest.raises(ValidationError, match="ne propose plus son aide"):
        match_choose(actor=world.user("person_self"), request=request, peer_id=gone.pk, reasons=[])
    with pytest.raises(ValidationError, match="autant de personnes"):
        match_choose(actor=world.user("person_self"), request=request, peer_id=full.pk, reasons=[])
    assert not PeerMatch.objects.exists()


def test_a_second_open_match_between_the_same_two_is_refused(world: World, samia: tuple[User, PeerProfile]) -> None:
    _, profile = samia
    match_choose(actor=world.user("person_self"), request=ask(world), peer_id=profile.pk, reasons=[])
    with pytest.raises(ValidationError, match="déjà en cours"):
        match_choose(actor=world.user("person_self"), request=ask(world), peer_id=profile.pk, reasons=[])
    assert PeerMatch.objects.count() == 1
    profile.refresh_from_db()
    assert profile.open_matches == 1


def test_withdrawing_takes_effect_at_once_everywhere(world: World, samia: tuple[User, PeerProfile]) -> None:
    account, profile = samia
    request = ask(world, experiences=["lone_parent"])
    assert [c.profile_id for c in candidates_rank(request)] == [profile.pk]
    match = match_choose(actor=world.user("person_self"), request=request, peer_id=profile.pk, reasons=[])
    profile_withdraw(actor=account)
    match.refresh_from_db()
    assert match.state == MatchState.WITHDRAWN
    assert candidates_rank(ask(world, experiences=["lone_parent"])) == []
    with pytest.raises(ValidationError):
        match_answer(actor=account, match=match, accept=True)
    profile.refresh_from_db()
    assert profile.open_matches == 0
    offer(account)  # offering again brings the profile back
    assert [c.profile_id for c in candidates_rank(ask(world, experiences=["lone_parent"]))] == [profile.pk]


def _agreed(world: World, account: User, profile: PeerProfile) -> PeerMatch:
    match = match_choose(actor=world.user("person_self"), request=ask(world), peer_id=profile.pk, reasons=[])
    return match_answer(actor=account, match=match, accept=True)


@pytest.mark.parametrize("side", ["person", "peer"])
def test_either_side_ends_the_match_without_a_reason(world: World, samia: tuple[User, PeerProfile], side: str) -> None:
    account, profile = samia
    match = _agreed(world, account, profile)
    actor = world.user("person_self") if side == "person" else account
    match = match_end(actor=actor, match=match)
    assert match.state == MatchState.ENDED
    assert not Ally.objects.active().filter(person=world.person, user=account).exists()
    profile.refresh_from_db()
    assert profile.open_matches == 0
    with pytest.raises(ValidationError):
        match_end(actor=actor, match=match)


def test_mutual_aid_goes_into_the_journal_of_both(world: World, samia: tuple[User, PeerProfile]) -> None:
    account, profile = samia
    match = _agreed(world, account, profile)
    contact = mutual_aid_record(
        actor=account,
        match=match,
        occurred_on=timezone.localdate(),
        summary="Nous avons rempli ensemble la déclaration trimestrielle.",
        link_types=[LinkType.CAPACITATION, LinkType.CONSIDERATION],
    )
    mine = Interaction.objects.get(pk=contact.person_entry_id)
    theirs = Interaction.objects.get(pk=contact.peer_entry_id)
    assert mine.person_id == world.person.pk and theirs.person_id == profile.person_id
    assert mine.kind == theirs.kind == InteractionKind.MUTUAL_AID
    assert mine.link_types == [LinkType.CONSIDERATION, LinkType.CAPACITATION]
    assert "Camille" in theirs.summary and "Martin" not in theirs.summary
    # The peer sees it in their own journal; the person's journal only if they share their notes.
    assert not can(account, Action.VIEW, world.person, Category.NOTES)


@pytest.mark.parametrize(
    ("summary", "occurred", "links", "field"),
    [
        ("", 0, ["consideration"], "summary"),
        ("ok", -3, ["consideration"], "occurred_on"),
        ("ok", 0, [], "link_types"),
        ("ok", 0, ["friendship"], "link_types"),
    ],
)
def test_a_bad_mutual_aid_contact_writes_nothing(
    world: World, samia: tuple[User, PeerProfile], summary: str, occurred: int, links: list[str], field: str
) -> None:
    account, profile = samia
    match = _agreed(world, account, profile)
    before = Interaction.objects.count()
    with pytest.raises(ValidationError) as error:
        mutual_aid_record(
            actor=account,
            match=match,
            occurred_on=timezone.localdate() - timedelta(days=occurred),
            summary=summary,
            link_types=links,
        )
    assert field in error.value.message_dict
    assert Interaction.objects.count() == before


def test_mutual_aid_needs_an_agreed_match(world: World, samia: tuple[User, PeerProfile]) -> None:
    account, profile = samia
    match = match_choose(actor=world.user("person_self"), request=ask(world), peer_id=profile.pk, reasons=[])
    with pytest.raises(ValidationError, match="pas en lien"):
        mutual_aid_record(
            actor=account, match=match, occurred_on=timezone.localdate(), summary="x", link_types=["consideration"]
        )


def test_each_side_sees_the_other_by_first_name_and_what_waits_for_whom(
    world: World, samia: tuple[User, PeerProfile]
) -> None:
    account, profile = samia
    match_choose(actor=world.user("person_self"), request=ask(world), peer_id=profile.pk, reasons=[])
    [mine] = matches_of(actor=world.user("person_self"))
    [theirs] = matches_of(actor=account)
    assert mine.other_first_name == "Samia" and mine.waiting_for_other and not mine.waiting_for_me
    assert theirs.other_first_name == "Camille" and theirs.waiting_for_me and theirs.i_am_peer


def test_the_vocabulary_and_the_catalogue_load(db: None) -> None:
    from alliances.mediation.catalogue import catalogue
    from alliances.peers.vocabulary import vocabulary

    words = vocabulary()
    assert len(words.experiences) >= 10 and all(t.reason for t in words.experiences)
    assert len(catalogue().themes) == 10


def test_person_model_is_untouched_by_matching(world: World, samia: tuple[User, PeerProfile]) -> None:
    """Matching reads profiles only: no Person row is changed (nothing personal moves)."""
    before = list(Person.objects.values_list("pk", "updated_at"))
    candidates_rank(ask(world, experiences=["lone_parent"]))
    assert list(Person.objects.values_list("pk", "updated_at")) == before
    call_command("check")


def test_managers_see_counts_only_with_small_numbers_hidden(world: World, samia: tuple[User, PeerProfile]) -> None:
    from django.test import Client

    from alliances.peers.selectors import peer_counts

    account, profile = samia
    _agreed(world, account, profile)
    counts = peer_counts()
    assert (counts["requests"], counts["matches_proposed"], counts["matches_agreed"], counts["matches_open"]) == (
        1,
        1,
        1,
        1,
    )
    client = Client()
    client.force_login(world.user("manager"))
    page = client.get("/pilotage/").content.decode()
    assert "Mises en lien acceptées des deux côtés</td><td>&lt; 5" in page
    assert "Samia" not in page and "Camille" not in page


def test_the_circle_page_leads_to_peers(world: World) -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(world.user("referent_of"))
    page = client.get(reverse("person_circle", args=[world.person.pk])).content.decode()
    assert f'href="{reverse("person_peers", args=[world.person.pk])}"' in page
    client.force_login(world.user("person_self"))
    assert f'href="{reverse("portal:peers")}"' in client.get(reverse("portal:circle")).content.decode()
