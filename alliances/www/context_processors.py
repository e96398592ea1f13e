from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from alliances.access.policy import own_person_id
from alliances.accounts.enums import Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu, by role. It only shows links; each view still asks the policy. A person's links
    are in her language; staff links stay French, as staff pages do."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items: list[tuple[str, str]] = []
    if user.role in {Role.PERSON, Role.PEER} and own_person_id(user) is None:
        # A relative without a file of her own: her space lists the circles she is part of.
        items.append((reverse("portal:home"), gettext("Mon espace")))
    elif user.role in {Role.PERSON, Role.PEER}:
        items += [
            (reverse("portal:home"), gettext("Mon espace")),
            (reverse("portal:household"), gettext("Mon foyer")),
            (reverse("portal:meetings"), gettext("Mes rendez-vous")),
            (reverse("portal:circle"), gettext("Mon cercle")),
            (reverse("portal:peers"), gettext("Entraide")),
            (reverse("portal:bonds"), gettext("Mes liens")),
            (reverse("portal:plan"), gettext("Mes objectifs")),
            (reverse("portal:interactions"), gettext("Mes échanges")),
            (reverse("portal:rights"), gettext("Mes droits")),
            (reverse("portal:procedures"), gettext("Mes démarches")),
            (reverse("portal:mandates"), gettext("Mes mandats")),
            (reverse("portal:messages"), gettext("Mes messages")),
            (reverse("portal:income"), gettext("Mon revenu garanti")),
            (reverse("portal:requests"), gettext("Mes demandes")),
            (reverse("portal:data"), gettext("Mes données")),
            (reverse("portal:access_log"), gettext("Qui a consulté mon dossier")),
        ]
    if user.role in {Role.REFERENT, Role.MEDIATOR, Role.PARTNER, Role.PEER, Role.INSTRUCTOR}:
        label = {Role.REFERENT: "Mes accompagnements", Role.PEER: gettext("Les personnes que j'aide")}.get(
            user.role, "Personnes"
        )
        items.append((reverse("caseload"), label))
    if user.role == Role.MEDIATOR:
        items.append((reverse("mediation_desk"), "Ma médiation"))
    if user.role in {Role.REFERENT, Role.MEDIATOR}:
        items.append((reverse("agenda"), "Mon agenda"))
    if user.role in {Role.REFERENT, Role.MEDIATOR, Role.MANAGER}:
        items.append((reverse("workshops"), "Ateliers"))
    if user.role in {Role.REFERENT, Role.INSTRUCTOR}:
        items.append((reverse("non_take_up"), "Non-recours"))
    if user.role == Role.INSTRUCTOR:
        items.append((reverse("income_cycles"), "Revenu garanti"))
    if user.role in {Role.MANAGER, Role.INSTRUCTOR}:
        items.append((reverse("income_budget"), "Simulation budgétaire"))
    if user.role == Role.MANAGER:
        items.append((reverse("steering"), "Pilotage"))
    if user.role == Role.ADMIN:
        items.append((reverse("admin:index"), "Administration"))
    path = request.path
    matches = [url for url, _ in items if path.startswith(url)]
    active = max(matches, key=len) if matches else None
    return {"nav_items": [{"url": url, "label": label, "active": url == active} for url, label in items]}
