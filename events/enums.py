from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    EXPERT_WORKSHOP = "expert_workshop", _("Expert workshop")
    CONFERENCE = "conference", _("Conference")
    WORKING_GROUP = "working_group", _("Working-group meeting")
    WEBINAR = "webinar", _("Webinar")


class RegistrationMode(models.TextChoices):
    OPEN = "open", _("Open: confirmed on the spot while seats remain")
    APPROVAL = "approval", _("By approval: organizers accept each request")


class RegistrationStatus(models.TextChoices):
    # Events with a per-organization quota: the organization's focal point or alternate
    # decides first who goes (issue 16).
    AWAITING_ORGANIZATION = "awaiting_org", _("Awaiting the organization's approval")
    PENDING = "pending", pgettext_lazy("registration status", "Pending")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", pgettext_lazy("registration status", "Declined")
    ORGANIZATION_DECLINED = "org_declined", _("Declined by the organization")
    CANCELLED = "cancelled", _("Cancelled")


# A person holds at most one registration in these states per event.
ACTIVE_STATUSES = (
    RegistrationStatus.AWAITING_ORGANIZATION,
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)

# The places an organization uses of an event's quota: the registrations it let through.
# One awaiting its approval uses none, so that it may choose among more candidates than places.
QUOTA_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)

# Where each status may go, and through which service: registration_organization_decide
# (awaiting → the event's own flow, or declined by the organization), registration_decide
# (the organizers), registration_cancel (the person), waiting-list promotion.
REGISTRATION_TRANSITIONS = {
    RegistrationStatus.AWAITING_ORGANIZATION: (
        RegistrationStatus.PENDING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.ORGANIZATION_DECLINED,
        RegistrationStatus.CANCELLED,
    ),
    RegistrationStatus.PENDING: (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.DECLINED,
        RegistrationStatus.CANCELLED,
    ),
    RegistrationStatus.WAITLISTED: (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.DECLINED,
        RegistrationStatus.CANCELLED,
    ),
    RegistrationStatus.CONFIRMED: (RegistrationStatus.CANCELLED,),
    RegistrationStatus.DECLINED: (),
    RegistrationStatus.ORGANIZATION_DECLINED: (),
    RegistrationStatus.CANCELLED: (),
}


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    WORKING_GROUP = "working_group", _("Working group")
    PRESENTATION = "presentation", _("Presentation")
    BREAK = "break", _("Break")


class OutputKind(models.TextChoices):
    WORKING_PAPER = "working_paper", _("Working paper")
    QUESTIONNAIRE = "questionnaire", _("Model questionnaire")
    REPORT = "report", _("Conference report")
    MINUTES = "minutes", _("Minutes")
    AGENDA = "agenda", _("Shared research agenda")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for sign-off")
    AGREED = "agreed", _("Agreed")
    FINAL = "final", _("Final")


# Organizers move minutes only from agreed to final; agreement is the attending
# organizations' (minutes_sign_off, minutes_close_ended_periods). A final version is locked.
MINUTES_TRANSITIONS = {
    MinutesStatus.DRAFT: (),
    MinutesStatus.CIRCULATED: (),
    MinutesStatus.AGREED: (MinutesStatus.FINAL,),
    MinutesStatus.FINAL: (),
}


class AgreedHow(models.TextChoices):
    APPROVED = "approved", _("Every attending organization approved them.")
    PERIOD_ENDED = "period_ended", _("The sign-off period ended without an objection.")
    # Minutes marked agreed by their organizers before sign-off existed (migration 0004).
    ORGANIZERS = "organizers", _("The organizers marked them agreed (before sign-off existed).")


class SignOffAnswer(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    APPROVED = "approved", pgettext_lazy("minutes sign-off answer", "Approved")
    CHANGE_REQUESTED = "change_requested", _("Asked for a change")
