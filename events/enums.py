from django.db import models


class EventKind(models.TextChoices):
    EXPERT_WORKSHOP = "expert_workshop", "Expert workshop"
    CONFERENCE = "conference", "Conference"
    WORKING_GROUP = "working_group", "Working-group meeting"
    WEBINAR = "webinar", "Webinar"
