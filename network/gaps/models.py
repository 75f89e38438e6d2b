from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.search import index

from network.platform.languages import (
    country_name,
)
from network.platform.models import Sourced, StatusChange, Translation, content_language_field

from .enums import Area, Disaggregation, EmptyReason, ExploitationForm, GapStatus, Severity
from .fields import ChoiceListField


class SubRegion(models.Model):
    """A cluster of countries a study groups together. Plain model: reference data the
    seed loader and editors maintain, picked by gaps and projects."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Country(models.Model):
    """A country or entity by ISO 3166 code, with its sub-region and the name a study used."""

    code = CountryField(unique=True)
    sub_region = models.ForeignKey(
        SubRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="countries"
    )
    study_name = models.CharField(
        max_length=120, blank=True, help_text=_("The name as the source study lists it.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.study_name or country_name(self.code)


class DataGap(index.Indexed, Sourced):
    """What cannot yet be known, where and why. Plain model: members report it, its status
    moves through a recorded workflow and its editors are decided by organization."""

    title = models.CharField(max_length=200)
    description = models.TextField(
        max_length=5000,
        help_text=_(
            "Describe the missing evidence. Never include personal data of trafficked persons."
        ),
    )
    language = content_language_field(_("The language the title and description are written in."))
    area = models.CharField(max_length=20, choices=Area.choices)
    countries = models.ManyToManyField(Country, blank=True, related_name="gaps")
    sub_regions = models.ManyToManyField(SubRegion, blank=True, related_name="gaps")
    forms = ChoiceListField(
        "forms of exploitation", choices=ExploitationForm.choices, max_length=120
    )
    missing_disaggregations = ChoiceListField(
        "missing disaggregations", choices=Disaggregation.choices, max_length=60
    )
    empty_reason = models.CharField("why it is empty", max_length=20, choices=EmptyReason.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    status = models.CharField(max_length=20, choices=GapStatus.choices, default=GapStatus.OPEN)
    reported_by = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="reported_gaps"
    )
    reported_by_user = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    horizon = models.DateField(
        null=True,
        blank=True,
        help_text=_("After this date the evidence is considered out of date and the gap stale."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The register's order: a page reads its 25 rows from the index instead of sorting
        # the whole table (issue 20: the page grew with the table).
        indexes = [models.Index(fields=["-created_at", "-id"], name="datagap_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area__in=Area.values), name="datagap_area_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=GapStatus.values), name="datagap_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(severity__in=Severity.values), name="datagap_severity_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("gaps:detail", args=[self.pk])


class GapTranslation(Translation):
    """A member's translation of a gap's description into another language. Plain model: a
    member writes it and keeps it; the original stays authoritative and is never replaced."""

    original_field = "gap"

    gap = models.ForeignKey(DataGap, on_delete=models.CASCADE, related_name="translations")
    description = models.TextField(
        _("description"),
        max_length=5000,
        help_text=_(
            "Translate the description faithfully. Never include personal data of trafficked "
            "persons."
        ),
    )

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["gap", "language"],
                name="one_gap_translation_per_language",
                violation_error_message=_("This gap already has a translation into that language."),
            ),
        ]


class GapEvidence(models.Model):
    """A cited source showing the gap. Library items will join later; a link for now."""

    gap = models.ForeignKey(DataGap, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=300)
    url = models.URLField(blank=True)
    description = models.TextField(max_length=2000, blank=True)
    people_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Number of people the source counts, if any; shown as “fewer than 11” below 11."
        ),
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.title


class GapStatusChange(StatusChange):
    """One move of a gap's status."""

    subject_field = "gap"

    gap = models.ForeignKey(DataGap, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=GapStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=GapStatus.choices)


class Indicator(index.Indexed, Sourced):
    """What can be measured, and the gaps measuring it would close. Plain model: curated
    reference records that gaps link to, with no page of their own in the tree."""

    name = models.CharField(max_length=200, unique=True)
    definition = models.TextField(max_length=3000)
    unit = models.CharField(max_length=100)
    disaggregations = ChoiceListField(choices=Disaggregation.choices, max_length=60)
    data_sources = models.TextField(max_length=2000, blank=True)
    gaps = models.ManyToManyField(DataGap, blank=True, related_name="indicators")

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("definition"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
