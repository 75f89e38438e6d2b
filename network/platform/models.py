from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from .languages import CONTENT_LANGUAGE_MAX_LENGTH, validate_content_language


def content_language_field(help_text=""):
    """The language a member wrote a record's text in: shown beside it, never translated by
    machine."""
    return models.CharField(
        _("language of the text"),
        max_length=CONTENT_LANGUAGE_MAX_LENGTH,
        default="en",
        validators=[validate_content_language],
        help_text=help_text,
    )


_CHOICE_LABELS = {}


def choice_label(obj, name):
    """`obj.get_<name>_display()`, from a table of the field's choices built once per process.
    Django builds that table on every call, translating each label to hash it: about 50 µs
    a call, and a search page makes 80 of them."""
    field = obj._meta.get_field(name)
    labels = _CHOICE_LABELS.get(field)
    if labels is None:
        labels = _CHOICE_LABELS[field] = dict(field.flatchoices)
    value = getattr(obj, field.attname)
    return force_str(labels.get(value, value), strings_only=True)


class Sourced(models.Model):
    """Provenance of a record seeded from the network's source documents: which document,
    and the line that supports it. Empty for records members create on the platform."""

    source_document = models.CharField(
        _("source document"),
        max_length=100,
        blank=True,
        help_text=_("The seed document the record's facts come from, e.g. 000_….txt."),
    )
    source_quote = models.TextField(
        _("source quote"),
        max_length=2000,
        blank=True,
        help_text=_("The line of the source document that supports the record, quoted."),
    )

    class Meta:
        abstract = True


class Translation(models.Model):
    """A member's translation of a record into another language: one per language, kept by
    its translator; the original stays authoritative. A subclass adds the foreign key named
    `original_field` (with related_name "translations"), the translated text fields and its
    one-per-language constraint."""

    original_field = ""

    language = models.CharField(
        _("language"),
        max_length=CONTENT_LANGUAGE_MAX_LENGTH,
        validators=[validate_content_language],
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["language"]

    def __str__(self):
        return f"{getattr(self, self.original_field)} [{self.language}]"


class StatusChange(models.Model):
    """One move of a record's status: who, when, from, to, why. Never edited. A subclass adds
    the foreign key named `subject_field` and `from_status` / `to_status` with its choices."""

    subject_field = ""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{getattr(self, self.subject_field)}: {self.from_status or '—'} → {self.to_status}"


class PeriodicJobRun(models.Model):
    """The last slot each periodic job was enqueued for, one row per job. A plain model:
    machinery of the scheduler, no page and no editor."""

    name = models.CharField(max_length=100, unique=True)
    slot = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return self.name


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Each item as it happens")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    ESSENTIAL = "essential", _("Nothing but what must be acknowledged")


class EmailPreference(models.Model):
    """How the network reaches one email address. Platform-owned because every email the
    platform sends consults it (network.platform.email) and this floor may not import the apps
    above it. Keyed by address, not by user, so that people mailed at a bare address (without
    an account) can unsubscribe too. No row means "each item as it happens"."""

    address = models.EmailField(_("email address"), unique=True)  # stored lowercased
    frequency = models.CharField(
        _("how the network emails you"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATE,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # Keys of the desk items already listed in a digest, so the next one lists only new ones.
    digested_items = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.address}: {self.frequency}"
