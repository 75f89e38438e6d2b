from django.db import models


class EventKind(models.TextChoices):
    EXPERT_WORKSHOP = "expert_workshop", "Expert workshop"
    CONFERENCE = "conference", "Conference"
    WORKING_GROUP = "working_group", "Working-group meeting"
    WEBINAR = "webinar", "Webinar"


class RegistrationMode(models.TextChoices):
    OPEN = "open", "Open: confirmed on the spot while seats remain"
    APPROVAL = "approval", "By approval: organizers accept each request"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


# A person holds at most one registration in these states per event.
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class SessionKind(models.TextChoices):
    PLENARY = "plenary", "Plenary"
    WORKING_GROUP = "working_group", "Working group"
    PRESENTATION = "presentation", "Presentation"
    BREAK = "break", "Break"


class OutputKind(models.TextChoices):
    WORKING_PAPER = "working_paper", "Working paper"
    QUESTIONNAIRE = "questionnaire", "Model questionnaire"
    REPORT = "report", "Conference report"
    MINUTES = "minutes", "Minutes"
    AGENDA = "agenda", "Shared research agenda"


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    FINAL = "final", "Final"


# Minutes move forward one step at a time; a final version is locked.
MINUTES_TRANSITIONS = {
    MinutesStatus.DRAFT: (MinutesStatus.AGREED,),
    MinutesStatus.AGREED: (MinutesStatus.FINAL,),
    MinutesStatus.FINAL: (),
}
