"""Routes of the staff's pages and the person's space: files, households, rights, the guaranteed income."""

from collections.abc import Callable

from django.urls import reverse

from ..conftest import World
from .objects import (
    _child,
    _cycle,
    _entitlement,
    _export,
    _file_request,
    _h,
    _housing,
    _income,
    _member,
    _new_household,
    _p,
    _procedure,
    _research_export,
    _run,
)
from .route import (
    CIRCLE_KEEPERS,
    CIRCLE_OF_P,
    HOUSEHOLD_VIEWERS,
    LOGGED_IN,
    OFFICERS,
    PORTAL_USERS,
    PROCEDURE_USERS,
    REFERENT_AND_OFFICER,
    RIGHTS_CHECKERS,
    Route,
)


def _cycle_url(name: str) -> Callable[[World], str]:
    """The address of one transition of a cycle made for the route."""
    return lambda w: reverse(name, args=[_cycle(w)])


FILE_ROUTES: list[Route] = [
    Route("home", lambda w: reverse("home"), LOGGED_IN),
    Route(
        "caseload",
        lambda w: reverse("caseload"),
        frozenset(
            {
                "peer_ally",
                "referent_of",
                "referent_other",
                "mediator_shared",
                "mediator_unshared",
                "partner_ally",
                "officer",
            }
        ),
    ),
    Route("person_home", lambda w: reverse("person_home", args=[_p(w)]), CIRCLE_OF_P),
    Route(
        "person_identity",
        lambda w: reverse("person_identity", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "officer"}),
    ),
    Route(
        "person_requests",
        lambda w: reverse("person_requests", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "officer"}),
    ),
    Route(
        "person_request_answer",
        lambda w: reverse("person_request_answer", args=[_file_request(w)]),
        frozenset({"referent_of", "officer"}),
        method="post",
        data=lambda w: {f"r{_file_request(w)}-status": "in_progress", f"r{_file_request(w)}-answer": ""},
    ),
    Route("portal:requests", lambda w: reverse("portal:requests"), PORTAL_USERS),
    Route("portal:data", lambda w: reverse("portal:data"), PORTAL_USERS),
    Route("person_data", lambda w: reverse("person_data", args=[_p(w)]), CIRCLE_KEEPERS),
    Route("data_export_new", lambda w: reverse("data_export_new", args=[_p(w)]), CIRCLE_KEEPERS, method="post"),
    Route(
        "data_export_status",
        lambda w: reverse("data_export_status", args=[_export(w)]),
        frozenset({"person_self"}),
        page=False,
    ),
    Route(
        "data_export_file",
        lambda w: reverse("data_export_file", args=[_export(w)]),
        frozenset({"person_self"}),
        page=False,
    ),
    Route(
        "portal:request_send",
        lambda w: reverse("portal:request_send", args=["correction"]),
        PORTAL_USERS,
        method="post",
        data=lambda w: {"topic": "birth_date", "text": "Je suis née le 12/03/1985."},
    ),
    Route(
        "person_identity_edit",
        lambda w: reverse("person_identity_edit", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "officer"}),
    ),
    Route(
        "person_household",
        lambda w: reverse("person_household", args=[_p(w)]),
        frozenset({"person_self", "referent_of", "mediator_shared", "officer"}),
    ),
    Route(
        "person_sharing", lambda w: reverse("person_sharing", args=[_p(w)]), frozenset({"person_self", "referent_of"})
    ),
    Route("household_new", lambda w: reverse("household_new"), frozenset({"referent_of", "referent_other", "officer"})),
    Route(
        "household_new",
        lambda w: reverse("household_new"),
        frozenset({"referent_of", "referent_other", "officer"}),
        method="post",
        data=_new_household,
    ),
    Route(
        "household_housing",
        lambda w: reverse("household_housing", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_housing,
    ),
    Route(
        "household_member_add",
        lambda w: reverse("household_member_add", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_child,
    ),
    Route(
        "household_member_edit",
        lambda w: reverse("household_member_edit", args=[_h(w), _member(w)]),
        REFERENT_AND_OFFICER,
    ),
    Route(
        "household_member_remove",
        lambda w: reverse("household_member_remove", args=[_h(w), w.household.members.get(role="applicant").pk]),
        REFERENT_AND_OFFICER,
        method="post",
    ),
    Route(
        "household_income",
        lambda w: reverse("household_income", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=_income,
    ),
    Route("steering", lambda w: reverse("steering"), frozenset({"manager"})),
    Route("research_exports", lambda w: reverse("research_exports"), frozenset({"manager"})),
    Route(
        "research_exports_new",
        lambda w: reverse("research_exports"),
        frozenset({"manager"}),
        method="post",
        data=lambda w: {"year": "2025"},
    ),
    Route(
        "research_export_file",
        lambda w: reverse("research_export_file", args=[_research_export(w)]),
        frozenset({"manager"}),
        page=False,
    ),
    Route("person_rights", lambda w: reverse("person_rights", args=[_p(w)]), HOUSEHOLD_VIEWERS),
    Route(
        "person_rights_status",
        lambda w: reverse("person_rights_status", args=[_p(w)]),
        HOUSEHOLD_VIEWERS,
        page=False,
    ),
    Route(
        "person_income_assumption",
        lambda w: reverse("person_income_assumption", args=[_p(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=lambda w: {"member_id": "0", "income_type": "salary_net", "choice": "continues"},
    ),
    Route(
        "person_procedure_start",
        lambda w: reverse("person_procedure_start", args=[_p(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"benefit": "css", "helper": "referent"},
    ),
    Route("procedure_detail", lambda w: reverse("procedure_detail", args=[_procedure(w)]), PROCEDURE_USERS),
    Route(
        "procedure_step",
        lambda w: reverse("procedure_step", args=[_procedure(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"to_state": "to_claim", "occurred_on": "2026-11-02"},
    ),
    Route(
        "procedure_deadline",
        lambda w: reverse("procedure_deadline", args=[_procedure(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"deadline": "2026-12-31", "reminder_on": "2026-12-20"},
    ),
    Route(
        "procedure_document",
        lambda w: reverse("procedure_document", args=[_procedure(w)]),
        PROCEDURE_USERS,
        method="post",
        data=lambda w: {"label": "Pièce d'identité ou titre de séjour", "provided": "1"},
    ),
    Route("non_take_up", lambda w: reverse("non_take_up"), RIGHTS_CHECKERS),
    Route(
        "non_take_up",
        lambda w: reverse("non_take_up"),
        RIGHTS_CHECKERS,
        method="post",
        data=lambda w: {"month": "2026-11"},
    ),
    Route(
        "rights_run_progress",
        lambda w: reverse("rights_run_progress", args=[_run(w)]),
        frozenset({"referent_of"}),
        page=False,
    ),
    Route("portal:rights", lambda w: reverse("portal:rights"), PORTAL_USERS),
    Route("portal:rights_status", lambda w: reverse("portal:rights_status"), PORTAL_USERS, page=False),
    Route("portal:income", lambda w: reverse("portal:income"), PORTAL_USERS),
    Route("person_income", lambda w: reverse("person_income", args=[_p(w)]), HOUSEHOLD_VIEWERS),
    Route(
        "household_enrollment",
        lambda w: reverse("household_enrollment", args=[_h(w)]),
        REFERENT_AND_OFFICER,
        method="post",
        data=lambda w: {"enrolled": "on", "iban": "FR7630006000011234567890189", "account_holder": "Camille Martin"},
    ),
    Route("income_budget", lambda w: reverse("income_budget"), frozenset({"manager", "officer"})),
    Route(
        "income_budget",
        lambda w: reverse("income_budget"),
        frozenset({"manager", "officer"}),
        method="post",
        data=lambda w: {"month": "2026-11", "guaranteed_level": "950"},
    ),
    Route("income_cycles", lambda w: reverse("income_cycles"), OFFICERS),
    Route(
        "income_cycles",
        lambda w: reverse("income_cycles"),
        OFFICERS,
        method="post",
        data=lambda w: {"month": "2026-11"},
    ),
    Route("income_cycle", lambda w: reverse("income_cycle", args=[_cycle(w)]), OFFICERS),
    Route("income_cycle_progress", lambda w: reverse("income_cycle_progress", args=[_cycle(w)]), OFFICERS, page=False),
    Route("income_entitlements", lambda w: reverse("income_entitlements", args=[_cycle(w)]), OFFICERS),
    Route(
        "income_entitlement",
        lambda w: reverse("income_entitlement", args=[_cycle(w), _entitlement(w)]),
        OFFICERS,
    ),
    Route(
        "income_cycle_sepa",
        lambda w: reverse("income_cycle_sepa", args=[_cycle(w, paid=True), 1]),
        OFFICERS,
        page=False,
    ),
    # Every cycle transition has its own route (whatever the cycle's state, refused actors get a 404).
    *[
        Route(name, _cycle_url(name), OFFICERS, method="post")
        for name in ("income_cycle_compute", "income_cycle_approve", "income_cycle_pay", "income_cycle_close")
    ],
    Route(
        "income_entitlement_review",
        lambda w: reverse("income_entitlement_review", args=[_cycle(w), _entitlement(w)]),
        OFFICERS,
        method="post",
    ),
    Route(
        "portal:procedure_start",
        lambda w: reverse("portal:procedure_start"),
        PORTAL_USERS,
        method="post",
        data=lambda w: {"benefit": "css", "helper": "alone"},
    ),
    Route("portal:home", lambda w: reverse("portal:home"), PORTAL_USERS),
]
