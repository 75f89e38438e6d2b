from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoomVisibility(models.TextChoices):
    NETWORK = "network", _("All network members")
    RESTRICTED = "restricted", _("Only the room's members")


class RevisionAction(models.TextChoices):
    EDIT = "edit", _("Edited")
    DELETE = "delete", _("Deleted")


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mentioned you")
    FOLLOW = "follow", _("New message in a topic you follow")


class ReportReason(models.TextChoices):
    # First: the platform must never hold such data (DESIGN.md invariant 2), so moderators
    # see these reports before any other.
    PERSONAL_DATA = "personal_data", _("Personal data of a trafficked person")
    ABUSIVE = "abusive", _("Abusive")
    SPAM = "spam", _("Spam")
    OFF_TOPIC = "off_topic", _("Off-topic")
    OTHER = "other", pgettext_lazy("report reason", "Other")


class ReportStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("report status", "Open")
    HIDDEN = "hidden", _("Resolved: message hidden")
    DISMISSED = "dismissed", _("Resolved: no action")
