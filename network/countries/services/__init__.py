"""Every write to rounds, answers and profiles."""

from .profiles import MERGE, consolidation, profile_publish, proposal_decide
from .rounds import (
    NO_RESPONDENT,
    REMINDER_DAYS,
    answer_return,
    answer_save,
    round_close,
    round_open,
    round_remind,
    rounds_remind_due,
)

__all__ = [
    "MERGE",
    "NO_RESPONDENT",
    "REMINDER_DAYS",
    "answer_return",
    "answer_save",
    "consolidation",
    "profile_publish",
    "proposal_decide",
    "round_close",
    "round_open",
    "round_remind",
    "rounds_remind_due",
]
