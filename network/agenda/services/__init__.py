"""Every write to the research agenda: proposals, status moves, endorsements, votes; in
modules by subject, the public names are here."""

from .priorities import (
    priority_propose,
    priority_transition,
    priority_translation_add,
    priority_translation_edit,
)
from .support import (
    priority_endorse,
    priority_endorsement_withdraw,
    priority_support,
    priority_support_withdraw,
)
from .voting import (
    RollCallEntry,
    Tally,
    priority_close_due_votes,
    priority_tally,
    priority_vote_close,
    priority_vote_open,
    vote_cast,
    vote_tally,
)

__all__ = [
    "RollCallEntry",
    "Tally",
    "priority_close_due_votes",
    "priority_endorse",
    "priority_endorsement_withdraw",
    "priority_propose",
    "priority_support",
    "priority_support_withdraw",
    "priority_tally",
    "priority_transition",
    "priority_translation_add",
    "priority_translation_edit",
    "priority_vote_close",
    "priority_vote_open",
    "vote_cast",
    "vote_tally",
]
