"""Mediation: sessions and co-learning progress, and mandates the person controls.

Every write checks the policy, validates everything before writing anything, and leaves an audit event."""

from .mandates import (
    REMIND_DAYS_BEFORE,
    mandate_act_record,
    mandate_consent,
    mandate_propose,
    mandate_refuse,
    mandate_renew,
    mandate_revoke,
    mandate_status,
    mandate_text,
    mandates_remind,
)
from .sessions import MAX_SESSION_MINUTES, SESSION_LINK_TYPES, Worked, progress_confirm, session_record

__all__ = [
    "MAX_SESSION_MINUTES",
    "REMIND_DAYS_BEFORE",
    "SESSION_LINK_TYPES",
    "Worked",
    "mandate_act_record",
    "mandate_consent",
    "mandate_propose",
    "mandate_refuse",
    "mandate_renew",
    "mandate_revoke",
    "mandate_status",
    "mandate_text",
    "mandates_remind",
    "progress_confirm",
    "session_record",
]
