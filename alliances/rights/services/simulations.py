"""Simulations of rights for households given in the request (no stored data read), run by the queue."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from alliances.access.policy import (
    AccessDenied,
    can_simulate_rights,
)
from alliances.accounts.models import User

from ..enums import RunStatus
from ..models import (
    RightsSimulation,
)


@transaction.atomic
def rights_simulation_request(
    *, actor: User, households: list[dict[str, Any]], month: str, threshold: float
) -> RightsSimulation:
    """Queues the estimate of households given by the caller (nothing stored of the platform is read)."""
    from ..tasks import rights_simulation_compute

    if not can_simulate_rights(actor):
        raise AccessDenied("Introuvable.")
    simulation = RightsSimulation.objects.create(
        requested_by=actor, month=month, threshold=threshold, households=households
    )
    transaction.on_commit(lambda: rights_simulation_compute(simulation.pk))
    return simulation


logger = logging.getLogger(__name__)


def rights_simulation_execute(*, simulation_id: int) -> None:
    """Runs a queued simulation (the task): stores the report, or why it could not be made."""
    from ..engine.check import check_households

    simulation = RightsSimulation.objects.get(pk=simulation_id)
    if simulation.status == RunStatus.DONE:
        return  # a retried task does nothing twice
    RightsSimulation.objects.filter(pk=simulation_id).update(status=RunStatus.RUNNING)
    try:
        report = check_households(
            enumerate(simulation.households, start=1), simulation.month, threshold=simulation.threshold
        )
    except Exception:
        logger.exception("rights simulation %s failed", simulation_id)  # the id only: nothing personal
        simulation.status, simulation.error = RunStatus.FAILED, "Le calcul n'a pas abouti. Réessayez plus tard."
    else:
        simulation.status, simulation.report = RunStatus.DONE, report.as_json()
    simulation.finished_at = timezone.now()
    simulation.save(update_fields=["status", "report", "error", "finished_at"])
