"""Co-decided meetings: availability, proposals, acceptance, moves, cancellations, outcomes.

Either side proposes one or more options (slot and place); the other side accepts one or proposes
others. A missed meeting creates a caring follow-up for the referent and nothing else."""

from .availability import absence_add, availability_add, availability_remove
from .closing import follow_up_done, meeting_close
from .preferences import calendar_feed_renew, calendar_feed_revoke, reminder_preference_set, rhythm_set
from .proposals import meeting_accept, meeting_cancel, meeting_counter, meeting_move, meeting_propose
from .shared import OPEN, OUTSIDE, TOO_LATE, OptionIn, change_delay

__all__ = [
    "OPEN",
    "OUTSIDE",
    "TOO_LATE",
    "OptionIn",
    "absence_add",
    "availability_add",
    "availability_remove",
    "calendar_feed_renew",
    "calendar_feed_revoke",
    "change_delay",
    "follow_up_done",
    "meeting_accept",
    "meeting_cancel",
    "meeting_close",
    "meeting_counter",
    "meeting_move",
    "meeting_propose",
    "reminder_preference_set",
    "rhythm_set",
]
