"""The guaranteed income's services, one module per step: enrolment, the cycle's life, compute, pay, budget.

Every step is idempotent and safe to run twice at once: unique constraints (one entitlement per household
and month, one payment per entitlement) and a row lock on the cycle make a re-run, or a run resumed after a
crash, pay every household exactly once.
"""

from .budget import budget_run, rules_load_defaults
from .compute import cycle_compute, cycle_compute_chunk, cycle_compute_finish, cycle_compute_plan
from .cycle import (
    above_ceiling,
    check_transition,
    cycle_approve,
    cycle_close,
    cycle_open,
    entitlement_review,
    require_officer,
)
from .enrolment import enrollment_set
from .pay import cycle_pay, cycle_pay_file, cycle_pay_plan

__all__ = [
    "above_ceiling",
    "budget_run",
    "check_transition",
    "cycle_approve",
    "cycle_close",
    "cycle_compute",
    "cycle_compute_chunk",
    "cycle_compute_finish",
    "cycle_compute_plan",
    "cycle_open",
    "cycle_pay",
    "cycle_pay_file",
    "cycle_pay_plan",
    "enrollment_set",
    "entitlement_review",
    "require_officer",
    "rules_load_defaults",
]
