"""Rooms, topics and messages. Plain models: members create them in real time and access
follows the room's visibility, not the page tree."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.platform.models import content_language_field

from .enums import (
    NotificationKind,
    ReportReason,
    ReportStatus,
    RevisionAction,
    RoomVisibility,
)

BODY_MAX_LENGTH = 10_000
USER = settings.AUTH_USER_MODEL


class Room(models.Model):
    """A place to talk, attached to anything (project, event, priority, gap…) or free-standing."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=2000, blank=True)
    visibility = models.CharField(
        max_length=12, choices=RoomVisibility.choices, default=RoomVisibility.NETWORK
    )
    # The owning object; both empty for a free-standing room.
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    # A free-standing room may belong to a working group (network.groups, above this floor:
    # hence the string reference): the spokespeople of its convening organizations moderate
    # it and, when restricted, the people of its member organizations see it (group_access).
    working_group = models.ForeignKey(
        "groups.WorkingGroup", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="rooms",
    )  # fmt: skip
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_archived = models.BooleanField(
        default=False, help_text=_("An archived room can be read but takes no new messages.")
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(content_type__isnull=False),
                name="discussions_room_one_per_target",
                violation_error_message=_("This already has a room."),
            ),
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="discussions_room_target_complete",
                violation_error_message="A room's target needs both a type and an id.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("discussions:room", args=[self.slug])

    @property
    def is_restricted(self):
        return self.visibility == RoomVisibility.RESTRICTED


class RoomMember(models.Model):
    """Who may see a restricted room; the owning app's services keep this list in sync."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "user"], name="discussions_member_unique")
        ]

    def __str__(self):
        return f"{self.user} in {self.room}"


class RoomModerator(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="moderators")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "user"], name="discussions_moderator_unique")
        ]

    def __str__(self):
        return f"{self.user} moderates {self.room}"


class Topic(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=120)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(
        max_length=2000, blank=True, help_text=_("What was decided, for the record.")
    )
    locked = models.BooleanField(
        default=False, help_text=_("A locked topic takes no new messages.")
    )

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("title"),
                "room",
                name="discussions_topic_title_unique_ci",
                violation_error_message=_("This room already has a topic with this title."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("discussions:topic", args=[self.room.slug, self.pk])


class TopicFollow(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="discussions_follow_unique")
        ]

    def __str__(self):
        return f"{self.user} follows {self.topic}"


class Message(models.Model):
    """Saved before it is broadcast; edits and deletions are kept as revisions."""

    # The room is the topic's room, kept here so history replay is one indexed range scan.
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    # Indexed with the id (Meta): a topic's page and its newest message are one index range.
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(
        max_length=BODY_MAX_LENGTH,
        help_text=_("Markdown. Never include personal data of trafficked persons."),
    )
    language = content_language_field()
    body_html = models.TextField(blank=True)
    # Chosen by the client so that a resend after a dropped connection is not a second message.
    client_id = models.UUIDField(default=uuid.uuid4)
    created = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_id"], name="discussions_message_client_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["room", "id"], name="discussions_msg_room_id"),
            models.Index(fields=["topic", "id"], name="discussions_msg_topic_id"),
        ]

    def __str__(self):
        return f"#{self.pk} by {self.author_id} in {self.topic_id}"

    @property
    def is_visible(self):
        return not self.hidden and self.deleted_at is None


class MessageRevision(models.Model):
    """A message's text before an edit or a deletion, for moderators only."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=10, choices=RevisionAction.choices)
    body = models.TextField()
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.message_id}"


class Mute(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-until"]

    def __str__(self):
        return f"{self.user} muted in {self.room} until {self.until:%Y-%m-%d %H:%M}"


class Mention(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="discussions_mention_unique")
        ]

    def __str__(self):
        return f"@{self.user} in #{self.message_id}"


class Notification(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="discussion_notices")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "message", "kind"], name="discussions_notification_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user}"


class ReadMarker(models.Model):
    """The last message a person has seen in a topic; unread counts are what lies beyond."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    last_read_message_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="discussions_marker_unique")
        ]

    def __str__(self):
        return f"{self.user} read {self.topic} to #{self.last_read_message_id}"


class MessageReport(models.Model):
    """A person's report of a message to the room's moderators. A plain model: members create
    it and only moderators and staff read it; the reported person never learns who reported."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    comment = models.TextField(
        max_length=1000,
        blank=True,
        help_text=_(
            "What moderators should know. Never include personal data of trafficked persons."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"],
                name="discussions_report_once",
                violation_error_message=_("You have already reported this message."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.OPEN, resolved_at__isnull=True)
                | (~Q(status=ReportStatus.OPEN) & Q(resolved_at__isnull=False)),
                name="discussions_report_resolved_when",
                violation_error_message="A resolved report needs its time, an open one none.",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="discussions_report_open")]

    def __str__(self):
        return f"Report #{self.pk} of message #{self.message_id}"

    def get_absolute_url(self):
        return reverse("discussions:report", args=[self.pk])

    def clean(self):
        if self.reason == ReportReason.OTHER and not self.comment.strip():
            raise ValidationError(
                {"comment": _("Say what is wrong with the message when the reason is “Other”.")}
            )

    @property
    def room(self):
        """The room the message is in now (a moved topic takes its messages, and so its
        reports, along); the rules answer for it."""
        return self.message.room

    @property
    def is_open(self):
        return self.status == ReportStatus.OPEN
