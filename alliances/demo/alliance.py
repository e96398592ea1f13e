"""Demo content for the alliance: link types, readings over time on both sides, goals, a delegation, a journal."""

import random
from datetime import date, timedelta

from alliances.accounts.models import User
from alliances.assessments.services import reading_record
from alliances.circles.enums import AllyRole, LinkType
from alliances.circles.models import Ally
from alliances.circles.services import interaction_record, private_note_add
from alliances.goals.services import delegation_create, goal_action_add, goal_create
from alliances.persons.models import Person

#: Which link types each place in a circle most often weaves (the demo picks among them).
_TYPICAL = {
    AllyRole.REFERENT: [LinkType.CONSIDERATION, LinkType.ADAPTATION, LinkType.FACILITATION],
    AllyRole.MEDIATOR: [LinkType.CAPACITATION, LinkType.FACILITATION],
    AllyRole.PEER: [LinkType.CONSIDERATION, LinkType.CAPACITATION],
    AllyRole.PARTNER: [LinkType.CONSIDERATION, LinkType.CAPACITATION],
    AllyRole.OTHER: [LinkType.CONSIDERATION],
}


def link_types_for_all(rng: random.Random) -> None:
    allies = list(Ally.objects.active().order_by("id"))
    for ally in allies:
        typical = _TYPICAL[AllyRole(ally.role)]
        chosen = set(rng.sample(typical, k=rng.randint(1, len(typical))))
        ally.link_types = [value for value in LinkType.values if value in chosen]
    Ally.objects.bulk_update(allies, ["link_types"], batch_size=500)


def demo_person_alliance(person: Person, today: date) -> None:
    """The demo person's own story: bonds read three times on each side, the ladder rising, goals."""
    me = person.account
    referent_ally = Ally.objects.active().get(person=person, role=AllyRole.REFERENT)
    referent: User = referent_ally.user
    mediator = Ally.objects.active().filter(person=person, role=AllyRole.MEDIATOR).first()
    assert me is not None
    steps = [
        (120, {"family_crisis_call": 1, "family_contact": 1, "friends_count_on": 0, "confidant": 1, "loneliness": 4,
               "activity": 0, "feels_useful": 1, "papers_valid": 3, "rights_open": 1, "humiliated": 3}, 3),
        (60, {"family_crisis_call": 2, "family_contact": 2, "friends_count_on": 1, "confidant": 2, "loneliness": 3,
              "activity": 0, "feels_useful": 2, "papers_valid": 3, "rights_open": 2, "humiliated": 2}, 5),
        (5, {"family_crisis_call": 3, "family_contact": 2, "friends_count_on": 2, "confidant": 3, "loneliness": 2,
             "activity": 1, "feels_useful": 3, "papers_valid": 4, "rights_open": 3, "humiliated": 1}, 7),
    ]  # fmt: skip
    for days, values, level in steps:
        on = today - timedelta(days=days)
        reading_record(actor=me, person=person, instrument_code="social_bonds", values=values, taken_on=on)
        worker = {
            code: max(0, min(4, value + (-1 if code in {"activity", "feels_useful"} else 0)))
            for code, value in values.items()
        }
        reading_record(actor=referent, person=person, instrument_code="social_bonds", values=worker, taken_on=on)
        reading_record(
            actor=me, person=person, instrument_code="participation_ladder", values={"level": level}, taken_on=on
        )
        reading_record(
            actor=referent,
            person=person,
            instrument_code="participation_ladder",
            values={"level": level - 1},
            taken_on=on,
        )
    reading_record(
        actor=me,
        person=person,
        instrument_code="hidden_dimensions",
        values={"institutional_maltreatment": 3, "income": 3},
        words={
            "institutional_maltreatment": "Au guichet, on me parle comme si j'avais triché.",
            "income": "Le 15 du mois, il ne reste plus rien pour les enfants.",
            "struggle": "Je me lève tous les jours pour eux.",
            "time": "Depuis la séparation, il y a trois ans.",
        },
        taken_on=today - timedelta(days=5),
    )
    work = goal_create(actor=me, person=person, text="Travailler en cuisine, même à mi-temps", bond="work")
    goal_action_add(
        actor=me,
        goal=work,
        text="Visiter le restaurant d'insertion",
        doer="person",
        link_type="capacitation",
        due_on=today + timedelta(days=14),
    )
    family = goal_create(actor=me, person=person, text="Revoir ma sœur à Noël", bond="family_friends")
    goal_action_add(
        actor=referent,
        goal=family,
        text="Chercher une aide au transport",
        doer="together",
        ally=referent_ally,
        link_type="facilitation",
    )
    if mediator is not None:
        delegation_create(
            actor=me,
            person=person,
            ally=mediator,
            task="Déclaration trimestrielle à la CAF",
            decided_by="person",
            person_consented=True,
        )
    journal = [
        (40, "meeting", "Rendez-vous au café près de chez Camille, à l'heure choisie.", ["adaptation"], "workers"),
        (25, "procedure_step", "Complémentaire santé solidaire déposée ensemble.", ["facilitation"], "citizenship"),
        (10, "mutual_aid", "Appel avec une personne du groupe d'entraide.", ["consideration"], "peers"),
    ]
    for days, kind, summary, links, bond in journal:
        interaction_record(
            actor=referent,
            person=person,
            occurred_on=today - timedelta(days=days),
            kind=kind,
            summary=summary,
            link_types=links,
            bond=bond,
        )
    private_note_add(actor=referent, person=person, text="Proposer l'atelier cuisine du jeudi, si elle le souhaite.")
