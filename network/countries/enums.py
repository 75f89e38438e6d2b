from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    """The kinds of question a questionnaire may ask."""

    CHOICE = "choice", _("Choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YES_NO = "yes_no", _("Yes / no / unknown")
    YEAR = "year", _("Year")
    NUMBER = "number", _("Number with unit")
    COUNTRIES = "countries", _("Country list")
    TEXT = "text", _("Text")


class SourceKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    LINK = "link", _("Link")
    KNOWLEDGE = "knowledge", _("Focal point's knowledge")


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", pgettext_lazy("round status", "Closed")


class Progress(models.TextChoices):
    """Where one country of a round stands, from its answers."""

    ASSIGNED = "assigned", _("Assigned")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")


class Freshness(models.TextChoices):
    NO_DATA = "no_data", _("No data yet")
    UP_TO_DATE = "up_to_date", _("Up to date")
    # A profile due for an update, not a date: its own context keeps the two apart.
    DUE = "due", pgettext_lazy("profile freshness", "Due")
    OVERDUE = "overdue", _("Overdue")


class TraffickingRole(models.TextChoices):
    ORIGIN = "origin", _("Origin")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")
    INTERNAL = "internal", _("Internal trafficking")


class ActionPlan(models.TextChoices):
    NONE = "none", _("None")
    GENERAL = "general", _("General")
    CHILD_SPECIFIC = "child_specific", _("With a child-specific part")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("gap change proposal status", "Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", pgettext_lazy("gap change proposal status", "Declined")
