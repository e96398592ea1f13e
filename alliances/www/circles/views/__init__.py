"""The alliance pages, one module per tab: circle, bonds and readings, plan and goals, journal. One view
serves the staff file and the person's own space; the layout follows whose file it is. Every read goes
through an audited selector, every write through a service; the policy decides both."""

from .bonds import person_bonds, portal_bonds, reading_new
from .circle import ally_links, person_ally_add, person_circle, person_handover, portal_circle
from .journal import person_journal, portal_interactions, private_note_new
from .plan import (
    delegation_end,
    delegation_new,
    goal_action_new,
    goal_action_update,
    goal_edit,
    goal_new,
    person_plan,
    portal_plan,
)

__all__ = [
    "ally_links",
    "delegation_end",
    "delegation_new",
    "goal_action_new",
    "goal_action_update",
    "goal_edit",
    "goal_new",
    "person_ally_add",
    "person_bonds",
    "person_circle",
    "person_handover",
    "person_journal",
    "person_plan",
    "portal_bonds",
    "portal_circle",
    "portal_interactions",
    "portal_plan",
    "private_note_new",
    "reading_new",
]
