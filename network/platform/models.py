from django.db import models
from django.utils.translation import gettext_lazy as _


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
