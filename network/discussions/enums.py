from django.db import models


class RoomVisibility(models.TextChoices):
    NETWORK = "network", "All network members"
    RESTRICTED = "restricted", "Only the room's members"


class RevisionAction(models.TextChoices):
    EDIT = "edit", "Edited"
    DELETE = "delete", "Deleted"


class NotificationKind(models.TextChoices):
    MENTION = "mention", "Mentioned you"
    FOLLOW = "follow", "New message in a topic you follow"
