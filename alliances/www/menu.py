"""The main menu, built from the policy's checks: a link is shown when the policy lets the account open its
page (each view still asks the policy). A person's links are in her language; staff links stay French, as
staff pages do."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from alliances.access.policy import (
    can_keep_agenda,
    can_keep_mediation_desk,
    can_organise_workshops,
    can_run_income_cycle,
    can_run_rights_check,
    can_simulate_budget,
    can_use_admin,
    can_use_portal,
    can_view_caseload,
    can_view_caseload_aggregates,
    own_person_id,
)
from alliances.accounts.enums import Role
from alliances.accounts.models import User


def _has_own_file(user: User) -> bool:
    """A relative without a file of her own has only her space (the circles she is part of)."""
    return can_use_portal(user) and own_person_id(user) is not None


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str | Promise
    allowed: Callable[[User], bool]


_PORTAL = [
    ("portal:household", gettext_lazy("Mon foyer")),
    ("portal:meetings", gettext_lazy("Mes rendez-vous")),
    ("portal:circle", gettext_lazy("Mon cercle")),
    ("portal:peers", gettext_lazy("Entraide")),
    ("portal:bonds", gettext_lazy("Mes liens")),
    ("portal:plan", gettext_lazy("Mes objectifs")),
    ("portal:interactions", gettext_lazy("Mes échanges")),
    ("portal:rights", gettext_lazy("Mes droits")),
    ("portal:procedures", gettext_lazy("Mes démarches")),
    ("portal:mandates", gettext_lazy("Mes mandats")),
    ("portal:messages", gettext_lazy("Mes messages")),
    ("portal:income", gettext_lazy("Mon revenu garanti")),
    ("portal:requests", gettext_lazy("Mes demandes")),
    ("portal:data", gettext_lazy("Mes données")),
    ("portal:access_log", gettext_lazy("Qui a consulté mon dossier")),
]

MENU: list[Entry] = [
    Entry("portal:home", gettext_lazy("Mon espace"), can_use_portal),
    *(Entry(name, label, _has_own_file) for name, label in _PORTAL),
    Entry("caseload", "Personnes", can_view_caseload),
    Entry("mediation_desk", "Ma médiation", can_keep_mediation_desk),
    Entry("agenda", "Mon agenda", can_keep_agenda),
    Entry("workshops", "Ateliers", can_organise_workshops),
    Entry("non_take_up", "Non-recours", can_run_rights_check),
    Entry("income_cycles", "Revenu garanti", can_run_income_cycle),
    Entry("income_budget", "Simulation budgétaire", can_simulate_budget),
    Entry("steering", "Pilotage", can_view_caseload_aggregates),
    Entry("admin:index", "Administration", can_use_admin),
]

# The caseload is named after what it holds for whom: a referent's own follow-ups, the persons a peer helps.
CASELOAD_LABELS: dict[str, str | Promise] = {
    Role.REFERENT: "Mes accompagnements",
    Role.PEER: gettext_lazy("Les personnes que j'aide"),
}


def menu_for(user: User) -> list[tuple[str, str]]:
    """(address, label) of every page of the menu this account may open, in the menu's order."""
    items = []
    for entry in MENU:
        if not entry.allowed(user):
            continue
        label = CASELOAD_LABELS.get(user.role, entry.label) if entry.url_name == "caseload" else entry.label
        items.append((reverse(entry.url_name), str(label)))
    return items


def landing_for(user: User) -> str:
    """Where an account starts: the managers' steering, the admin, the staff's caseload, else her space."""
    for allowed, url_name in [
        (can_view_caseload_aggregates, "steering"),
        (can_use_admin, "admin:index"),
        (lambda u: can_view_caseload(u) and not can_use_portal(u), "caseload"),
    ]:
        if allowed(user):
            return reverse(url_name)
    return reverse("portal:home")
