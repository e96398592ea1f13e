"""The demo's circles: one single referent for everyone, a mediator or the partner association for some,
the portal accounts, and the demo person's own circle with what she shares with each ally."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from alliances.access.categories import Category
from alliances.accounts.enums import Role
from alliances.accounts.models import User
from alliances.circles.enums import AllyRole
from alliances.circles.models import Ally
from alliances.consent.models import Sharing, SharingChange
from alliances.households.enums import MemberRole
from alliances.persons.models import Person

from .accounts import PEER_LOGIN, PERSON_LOGIN
from .population import Draw, Family


@dataclass
class Staff:
    referents: list[User]
    mediators: list[User]
    first_of_role: dict[str, User]  # role → the first account of that role


def circles(draw: Draw, made: list[Family], staff: Staff) -> None:
    rng, today = draw.rng, draw.today
    allies: list[Ally] = []
    for index, family in enumerate(made):
        referent = staff.referents[index % len(staff.referents)]
        for _, person in family.adults:
            allies.append(
                Ally(
                    person=person,
                    user=referent,
                    role=AllyRole.REFERENT,
                    started_on=today - timedelta(days=rng.randint(20, 900)),
                )
            )
            if rng.random() < 0.35:
                user, role = rng.choice(staff.mediators), AllyRole.MEDIATOR
            elif rng.random() < 0.08:
                user, role = staff.first_of_role[Role.PARTNER], AllyRole.PARTNER
            else:
                continue
            allies.append(
                Ally(person=person, user=user, role=role, started_on=today - timedelta(days=rng.randint(5, 400)))
            )
    Ally.objects.bulk_create(allies)
    Sharing.objects.bulk_create(_default_sharings(allies))


def _default_sharings(allies: list[Ally]) -> list[Sharing]:
    now = timezone.now()
    sharings = []
    for ally in allies:
        if ally.role == AllyRole.MEDIATOR:
            sharings += [
                Sharing(ally=ally, category=Category.IDENTITY, granted_at=now),
                Sharing(ally=ally, category=Category.PROCEDURES, granted_at=now),
            ]
        elif ally.role == AllyRole.PARTNER:
            sharings.append(Sharing(ally=ally, category=Category.PLAN, granted_at=now))
    return sharings


def portal_accounts(made: list[Family], password_hash: str) -> list[Person]:
    """The demo person, a peer (who also has a file), and ten more persons with an account; returns the
    applicants, the demo person first and the peer second."""
    applicants = [m.person for f in made for m in f.members if m.role == MemberRole.APPLICANT and m.person]
    demo_person, peer_person = applicants[0], applicants[1]
    _give_account(demo_person, PERSON_LOGIN, Role.PERSON, password_hash, phone="+33600000001")
    _give_account(peer_person, PEER_LOGIN, Role.PEER, password_hash)
    for person in applicants[2:12]:
        _give_account(person, f"personne{person.pk}@alliances.test", Role.PERSON, password_hash)
    return applicants


def demo_person_circle(draw: Draw, applicants: list[Person], staff: Staff) -> None:
    """The demo person has a mediator and a peer in her circle, and shares a little with each; the peer
    is also an ally of five other persons."""
    demo_person, peer_person, today = applicants[0], applicants[1], draw.today
    peer, own = peer_person.account, demo_person.account
    assert peer is not None and own is not None  # given by portal_accounts
    mediator_ally, _ = Ally.objects.get_or_create(
        person=demo_person,
        user=staff.mediators[0],
        ended_on=None,
        defaults={"role": AllyRole.MEDIATOR, "started_on": today},
    )
    peer_ally = Ally.objects.create(
        person=demo_person, user=peer, role=AllyRole.PEER, started_on=today - timedelta(days=30)
    )
    now = timezone.now()
    for ally, category in [
        (mediator_ally, Category.IDENTITY),
        (mediator_ally, Category.PROCEDURES),
        (mediator_ally, Category.HOUSEHOLD),
        (peer_ally, Category.PLAN),
    ]:
        _, created = Sharing.objects.get_or_create(ally=ally, category=category, defaults={"granted_at": now})
        if created:
            SharingChange.objects.create(person=demo_person, ally=ally, category=category, granted=True, changed_by=own)
    for person in applicants[2:7]:
        Ally.objects.create(person=person, user=peer, role=AllyRole.PEER, started_on=today)


def _give_account(person: Person, login: str, role: str, password_hash: str, phone: str | None = None) -> None:
    person.account = User.objects.create(
        username=login,
        email=login,
        phone=phone,
        first_name=person.first_name,
        last_name=person.last_name,
        role=role,
        password=password_hash,
    )
    person.save(update_fields=["account"])
