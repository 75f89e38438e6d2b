"""Every write to an event's registrations, participant mailings and outputs, in modules by
subject; the public names are here."""

from .mailings import STATUS_TEMPLATES, event_email_participants, registration_remind_due
from .minutes import (
    minutes_circulate,
    minutes_close_ended_periods,
    minutes_draft,
    minutes_publish,
    minutes_revise,
    minutes_sign_off,
)
from .outputs import MAX_UPLOAD_BYTES, output_add, output_transition, output_update
from .registrations import (
    registration_cancel,
    registration_create,
    registration_decide,
    registration_organization_decide,
)

__all__ = [
    "MAX_UPLOAD_BYTES",
    "STATUS_TEMPLATES",
    "event_email_participants",
    "minutes_circulate",
    "minutes_close_ended_periods",
    "minutes_draft",
    "minutes_publish",
    "minutes_revise",
    "minutes_sign_off",
    "output_add",
    "output_transition",
    "output_update",
    "registration_cancel",
    "registration_create",
    "registration_decide",
    "registration_organization_decide",
    "registration_remind_due",
]
