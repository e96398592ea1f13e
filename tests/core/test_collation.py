"""Names in French order: accents and case do not decide (Gérard before Goncalves), on SQLite and PostgreSQL."""

from alliances.access.policy import order_by_visible_name
from alliances.core.collation import FrenchOrder, sort_key
from alliances.persons.models import Person

from ..conftest import World
from ..factories import PersonFactory

NAMES = ["Goncalves", "Gérard", "garnier", "Émile", "Eudes", "Zola", "Édouard"]
FRENCH = ["Édouard", "Émile", "Eudes", "garnier", "Gérard", "Goncalves", "Zola"]


def test_the_sort_key_ignores_accents_and_case() -> None:
    assert sorted(NAMES, key=sort_key) == FRENCH


def test_the_database_sorts_in_french_order(db: None) -> None:
    for name in NAMES:
        PersonFactory.create(last_name=name, first_names="A")
    ordered = Person.objects.filter(last_name__in=NAMES).order_by(FrenchOrder("last_name"), "pk")
    assert list(ordered.values_list("last_name", flat=True)) == FRENCH


def test_a_caseload_lists_persons_in_french_order(world: World) -> None:
    officer = world.user("officer")  # sees every file
    for name in NAMES:
        PersonFactory.create(last_name=name, first_names="A")
    ordered = order_by_visible_name(officer, Person.objects.filter(last_name__in=NAMES))
    assert [person.last_name for person in ordered] == FRENCH
