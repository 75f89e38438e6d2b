"""Events: the pages (event index, event, organizers, questions, sessions) and the records
people create around them (registrations, outputs), with the same public names as before."""

from .pages import (
    LANGUAGE_CHOICES,
    TEXT_FEATURES,
    EventIndexPage,
    EventOrganizer,
    EventPage,
    EventQuestion,
    Session,
    validate_time_zone,
)
from .records import EventOutput, MinutesRevision, MinutesSignOff, Registration

__all__ = [
    "LANGUAGE_CHOICES",
    "TEXT_FEATURES",
    "EventIndexPage",
    "EventOrganizer",
    "EventOutput",
    "EventPage",
    "EventQuestion",
    "MinutesRevision",
    "MinutesSignOff",
    "Registration",
    "Session",
    "validate_time_zone",
]
