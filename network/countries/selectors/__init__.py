"""Shared reads for country pages, profiles and rounds, with visibility applied here."""

from .figures import (
    BASELINE,
    BASELINE_PERIOD,
    BASELINE_SOURCE,
    baseline_figures,
    data_availability,
)
from .profiles import (
    country_detail,
    country_overview,
    current_version,
    current_versions,
    freshness,
    pending_proposals,
    profile_history,
    profile_rows,
    question_specs,
)
from .rounds import (
    answers_visible_to,
    desk_items,
    round_country,
    round_progress,
    rounds_visible_to,
)

__all__ = [
    "BASELINE",
    "BASELINE_PERIOD",
    "BASELINE_SOURCE",
    "answers_visible_to",
    "baseline_figures",
    "country_detail",
    "country_overview",
    "current_version",
    "current_versions",
    "data_availability",
    "desk_items",
    "freshness",
    "pending_proposals",
    "profile_history",
    "profile_rows",
    "question_specs",
    "round_country",
    "round_progress",
    "rounds_visible_to",
]
