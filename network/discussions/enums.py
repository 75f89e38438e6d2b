from django.db import models
from django.utils.translation import gettext_lazy as _


class RoomVisibility(models.TextChoices):
    NETWORK = "network", _("All network members")
    RESTRICTED = "restricted", _("Only the room's members")


class RevisionAction(models.TextChoices):
    EDIT = "edit", _("Edited")
    DELETE = "delete", _("Deleted")


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mentioned you")
    FOLLOW = "follow", _("New message in a topic you follow")
