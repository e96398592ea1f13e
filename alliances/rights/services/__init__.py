"""Rights: stored estimates, the caseload non-take-up check, procedures and simulations, one module each. All
writes are audited."""

from .checks import (
    RUN_CHUNK,
    rights_check_chunk_execute,
    rights_check_run_execute_now,
    rights_check_run_plan,
    rights_check_run_start,
)
from .estimates import (
    REQUEST_TIMEOUT,
    estimate_store,
    rights_estimate_refresh,
    rights_estimate_request,
    rights_estimate_request_execute,
)
from .procedures import procedure_document_set, procedure_start, procedure_transition, procedure_update
from .simulations import rights_simulation_execute, rights_simulation_request

__all__ = [
    "REQUEST_TIMEOUT",
    "RUN_CHUNK",
    "estimate_store",
    "procedure_document_set",
    "procedure_start",
    "procedure_transition",
    "procedure_update",
    "rights_check_chunk_execute",
    "rights_check_run_execute_now",
    "rights_check_run_plan",
    "rights_check_run_start",
    "rights_estimate_refresh",
    "rights_estimate_request",
    "rights_estimate_request_execute",
    "rights_simulation_execute",
    "rights_simulation_request",
]
