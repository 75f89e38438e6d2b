"""Views for event pages and their organizers, routed by the pages (routes.py); in modules
by subject."""

from .common import PAGE_SIZE
from .manage import (
    manage_csv,
    manage_email,
    manage_output_status,
    manage_outputs,
    manage_participants,
)
from .minutes import (
    minutes_circulate,
    minutes_detail,
    minutes_edit,
    minutes_new,
    minutes_publish,
    minutes_sign_off,
)
from .organizations import organization_registrations
from .pages import (
    calendar_file,
    event_calendar,
    event_cancel,
    event_detail,
    event_discussion,
    event_index,
    event_register,
    index_calendar,
    session_discussion,
)

__all__ = [
    "PAGE_SIZE",
    "calendar_file",
    "event_calendar",
    "event_cancel",
    "event_detail",
    "event_discussion",
    "event_index",
    "event_register",
    "index_calendar",
    "manage_csv",
    "manage_email",
    "manage_output_status",
    "manage_outputs",
    "manage_participants",
    "minutes_circulate",
    "minutes_detail",
    "minutes_edit",
    "minutes_new",
    "minutes_publish",
    "minutes_sign_off",
    "organization_registrations",
    "session_discussion",
]
