from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from alliances.access.actions import Action
from alliances.access.categories import Category
from alliances.access.policy import AccessDenied, can, households_visible_to
from alliances.accounts.models import User
from alliances.audit.enums import AuditAction
from alliances.audit.services import audit_record, audit_record_many
from alliances.households.models import Household, Member
from alliances.persons.models import Person

from .models import EstimateRequest, Procedure, ProcedureDocument, ProcedureStep, RightsCheckRun, RightsEstimate


def estimate_for(*, household: Household, month: date) -> RightsEstimate | None:
    return RightsEstimate.objects.filter(household=household, month=month).first()


def latest_request(*, household: Household, month: date) -> EstimateRequest | None:
    return EstimateRequest.objects.filter(household=household, month=month).order_by("-requested_at", "-pk").first()


@dataclass(frozen=True)
class EstimateStatus:
    """What a page shows of a household's estimate: the last one, whether it is out of date, and the
    recomputation in progress or the reason the last one failed."""

    estimate: RightsEstimate | None
    stale: bool
    request: EstimateRequest | None

    @property
    def pending(self) -> bool:
        return self.request is not None and self.request.pending

    @property
    def failure(self) -> str:
        """Why the last recomputation failed, while the estimate is still out of date."""
        if self.stale and self.request is not None and not self.request.pending:
            return self.request.error
        return ""


def estimate_status(*, household: Household, month: date) -> EstimateStatus:
    from .freshness import estimate_is_stale

    estimate = estimate_for(household=household, month=month)
    version = Household.objects.filter(pk=household.pk).values_list("inputs_version", flat=True).first() or 0
    return EstimateStatus(
        estimate=estimate,
        stale=estimate_is_stale(estimate, inputs_version=version),
        request=latest_request(household=household, month=month),
    )


def procedures_for_person(*, actor: User, person: Person) -> QuerySet[Procedure]:
    if not can(actor, Action.VIEW, person, Category.PROCEDURES):
        return Procedure.objects.none()
    audit_record(actor=actor, person_id=person.pk, category=Category.PROCEDURES, action=AuditAction.READ)
    return Procedure.objects.filter(person=person).order_by("state", "-updated_at")


def procedure_get(*, actor: User, procedure_id: int) -> Procedure:
    """A procedure the actor may view (404 otherwise), with its steps and documents; the read is audited."""
    procedure = (
        Procedure.objects.select_related("person", "helper_user")
        .prefetch_related(
            Prefetch("steps", queryset=ProcedureStep.objects.select_related("actor")),
            Prefetch("documents", queryset=ProcedureDocument.objects.order_by("id")),
        )
        .filter(pk=procedure_id)
        .first()
    )
    if procedure is None or not can(actor, Action.VIEW, procedure.person_id, Category.PROCEDURES):
        raise AccessDenied("Introuvable.")
    audit_record(
        actor=actor,
        person_id=procedure.person_id,
        category=Category.PROCEDURES,
        action=AuditAction.READ,
        detail=f"démarche {procedure.pk}",
    )
    return procedure


def run_get(*, actor: User, run_id: int) -> RightsCheckRun:
    run = RightsCheckRun.objects.filter(pk=run_id, requested_by=actor).first()
    if run is None:
        raise AccessDenied("Introuvable.")
    return run


def non_take_up_list(*, actor: User, month: date, limit: int = 200) -> list[dict[str, object]]:
    """Households of the actor's caseload with likely non-take-up, by monthly amount at stake (audited)."""
    estimates = list(
        RightsEstimate.objects.filter(month=month, monthly_gap__gt=0, household__in=households_visible_to(actor))
        .select_related("household")
        .prefetch_related(Prefetch("household__members", queryset=Member.objects.select_related("person")))
        .order_by("-monthly_gap", "household_id")[:limit]
    )
    rows: list[dict[str, object]] = []
    person_ids: list[int] = []
    for estimate in estimates:
        applicant = next((m for m in estimate.household.members.all() if m.role == "applicant"), None)
        if applicant is not None and applicant.person_id:
            person_ids.append(applicant.person_id)
        rows.append({"estimate": estimate, "applicant": applicant})
    audit_record_many(
        actor=actor,
        person_ids=person_ids,
        category=Category.HOUSEHOLD,
        action=AuditAction.READ,
        detail="liste du non-recours",
    )
    return rows
