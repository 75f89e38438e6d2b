"""What people create around an event: registrations and the event's outputs. Plain models:
people create them and they have workflows; the event page they belong to is in pages.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..enums import (
    ACTIVE_STATUSES,
    AgreedHow,
    MinutesStatus,
    OutputKind,
    RegistrationStatus,
    SignOffAnswer,
)
from .pages import LANGUAGE_CHOICES, EventPage, Session


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
    # The organization's own decision on an event with a quota, kept apart from the
    # organizers' (decided_by/decided_at), which may follow it.
    organization_decided_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_active_registration_per_person",
                violation_error_message=_("You are already registered for this event."),
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
    # Minutes of one session of the event. Sessions take no registrations of their own, so
    # the event's attending organizations still sign them off; the minutes say which session.
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("session"),
    )  # fmt: skip
    kind = models.CharField(max_length=20, choices=OutputKind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link = models.URLField(blank=True)
    planned = models.BooleanField(
        default=False, help_text=_("Announced but not available yet (no file or link).")
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
    # Minutes drafted here: the current revision's sanitized Markdown (revisions keep the rest).
    body = models.TextField(max_length=50000, blank=True)
    signoff_until = models.DateTimeField(null=True, blank=True)
    agreed_how = models.CharField(max_length=20, choices=AgreedHow.choices, blank=True)

    class Meta:
        ordering = ["kind", "title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.event.url + self.event.reverse_subpage("minutes", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        has_document = self.document is not None
        if self.kind == OutputKind.MINUTES and self.body.strip() and not has_document:
            has_document = True  # drafted here: the text is the output
        if self.planned and (has_document or self.link):
            raise ValidationError(
                gettext("A planned output has no file or link yet: untick “planned”.")
            )
        if not self.planned and not (has_document or self.link):
            raise ValidationError(
                gettext("Attach a document or give a link, or mark the output as planned.")
            )
        if self.session_id and self.session.page_id != self.event_id:
            raise ValidationError({"session": gettext("Choose a session of this event.")})
        if self.kind == OutputKind.MINUTES and not self.minutes_status:
            raise ValidationError(
                {"minutes_status": gettext("Minutes are draft, agreed or final.")}
            )
        if self.kind != OutputKind.MINUTES and self.minutes_status:
            raise ValidationError(
                {"minutes_status": gettext("Only minutes have a draft, agreed and final status.")}
            )

    @property
    def is_locked(self):
        return self.minutes_status == MinutesStatus.FINAL

    @property
    def url(self):
        if self.document_id:
            return self.document.url
        return self.link


class MinutesRevision(models.Model):
    """One version of drafted minutes. Plain model: each edit after circulation says why."""

    output = models.ForeignKey(EventOutput, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField(max_length=50000)
    reason = models.CharField(max_length=500, blank=True)
    correction = models.BooleanField(default=False)
    by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["output", "number"], name="one_minutes_revision_number")
        ]

    def __str__(self):
        return f"{self.output} r{self.number}"


class MinutesSignOff(models.Model):
    """An attending organization's answer to circulated minutes. Plain model: a workflow by
    organization. One per organization and minutes; a new revision asks again."""

    output = models.ForeignKey(EventOutput, on_delete=models.CASCADE, related_name="signoffs")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="+"
    )
    answer = models.CharField(
        max_length=20, choices=SignOffAnswer.choices, default=SignOffAnswer.PENDING
    )
    comment = models.TextField(max_length=2000, blank=True)
    revision = models.PositiveIntegerField()
    by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["output", "organization"], name="one_signoff_per_organization"
            )
        ]

    def __str__(self):
        return f"{self.organization} → {self.output} ({self.answer})"
