from dataclasses import dataclass

from django.db.models import Prefetch

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, persons_visible_to, require
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record
from alliances.persons.models import Person

from .models import Delegation, Goal, GoalAction


@dataclass(frozen=True)
class Plan:
    goals: list[Goal]
    delegations: list[Delegation]


def plan_for(*, actor: User, person: Person) -> Plan:
    """The person's goals with their actions, and their delegations."""
    require(actor, Action.VIEW, person, Category.PLAN)
    goals = list(
        Goal.objects.filter(person=person).prefetch_related(
            Prefetch("actions", queryset=GoalAction.objects.select_related("ally__user"))
        )
    )
    delegations = list(Delegation.objects.filter(person=person).select_related("ally__user", "revoked_by"))
    audit_record(actor=actor, person_id=person.pk, category=Category.PLAN, action=AuditAction.READ)
    return Plan(goals=goals, delegations=delegations)


def goal_get(*, actor: User, goal_id: int) -> Goal:
    """A goal the actor may see, else a 404 like a missing one."""
    goal = Goal.objects.filter(pk=goal_id, person__in=persons_visible_to(actor, Category.PLAN)).first()
    if goal is None:
        raise AccessDenied("Introuvable.")
    audit_record(actor=actor, person_id=goal.person_id, category=Category.PLAN, action=AuditAction.READ)
    return goal
