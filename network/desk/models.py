"""Formal notices from the secretariat to organizations, and their acknowledgements.

Plain models: records with permissions by organization (one acknowledgement each)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """A notice the secretariat sends to organizations; each acknowledges it once."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), max_length=20000)
    recipients = models.ManyToManyField(
        "members.Organization", related_name="notices", verbose_name=_("organizations")
    )
    acknowledge_by = models.DateTimeField(_("acknowledge by"))
    is_public = models.BooleanField(_("public"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("notices:detail", args=[self.pk])


class NoticeAcknowledgement(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="acknowledgements")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    is_late = models.BooleanField(default=False)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "organization"],
                name="one_acknowledgement_per_organization",
                violation_error_message=_(
                    "Your organization has already acknowledged this notice."
                ),
            )
        ]

    def __str__(self):
        return f"{self.organization} acknowledged {self.notice}"
