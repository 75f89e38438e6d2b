"""What people create around an event: registrations and the event's outputs. Plain models:
people create them and they have workflows; the event page they belong to is in pages.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from ..enums import ACTIVE_STATUSES, MinutesStatus, OutputKind, RegistrationStatus
from .pages import LANGUAGE_CHOICES, EventPage


class Registration(models.Model):
    """A person's request to attend. Plain model: people create it; it has a workflow."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        "members.User", on_delete=models.CASCADE, related_name="event_registrations"
    )
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="event_registrations"
    )
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_active_registration_per_person",
                violation_error_message="You are already registered for this event.",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.event} ({self.status})"

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES


class EventOutput(models.Model):
    """A typed result of an event. Plain model: organizers add it, minutes have a workflow."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(max_length=20, choices=OutputKind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.URLField(blank=True)
    planned = models.BooleanField(
        default=False, help_text="Announced but not available yet (no file or link)."
    )
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES, default="en")
    version = models.CharField(max_length=20, blank=True)
    minutes_status = models.CharField(max_length=10, choices=MinutesStatus.choices, blank=True)
    created_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "title", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        has_document = self.document is not None
        if self.planned and (has_document or self.link):
            raise ValidationError("A planned output has no file or link yet: untick “planned”.")
        if not self.planned and not (has_document or self.link):
            raise ValidationError(
                "Attach a document or give a link, or mark the output as planned."
            )
        if self.kind == OutputKind.MINUTES and not self.minutes_status:
            raise ValidationError({"minutes_status": "Minutes are draft, agreed or final."})
        if self.kind != OutputKind.MINUTES and self.minutes_status:
            raise ValidationError(
                {"minutes_status": "Only minutes have a draft, agreed and final status."}
            )

    @property
    def is_locked(self):
        return self.minutes_status == MinutesStatus.FINAL

    @property
    def url(self):
        if self.document_id:
            return self.document.url
        return self.link
