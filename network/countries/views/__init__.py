"""Views of countries and their update rounds, in modules by subject; urls.py names them here."""

from .answers import answer_return, proposal_decide, round_answer, round_publish
from .pages import country_detail, country_history, country_list, data_availability, profile_export
from .rounds import round_detail, round_export, round_list, round_open, round_remind

__all__ = [
    "answer_return",
    "country_detail",
    "country_history",
    "country_list",
    "data_availability",
    "profile_export",
    "proposal_decide",
    "round_answer",
    "round_detail",
    "round_export",
    "round_list",
    "round_open",
    "round_publish",
    "round_remind",
]
