from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.search import index

from network.platform.models import Sourced

from .enums import LANGUAGE_NAMES, MONTH_CHOICES, PublicationType, Region

MIN_YEAR, MAX_YEAR = 1900, 2100


class Publication(index.Indexed, Sourced):
    """A report, handbook or other output in the library. Plain model, not a Page: member
    organizations add and edit their own by role, and it has no editorial workflow."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    # Several organizations publish together as equals: the relation has no order or lead.
    publishers = models.ManyToManyField(
        "members.Organization", blank=True, related_name="publications"
    )
    other_publishers = models.CharField(
        _("publishers outside the network"),
        max_length=300,
        blank=True,
        help_text=_("Other publishers, as the publication names them, separated by commas."),
    )
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
    )
    month = models.PositiveSmallIntegerField(null=True, blank=True, choices=MONTH_CHOICES)
    type = models.CharField(max_length=20, choices=PublicationType.choices)
    regions = models.JSONField(default=list, blank=True)
    countries = CountryField(multiple=True, blank=True)
    languages = models.JSONField(default=list, blank=True)
    summary = models.TextField(max_length=5000)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link = models.URLField(_("external link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    gaps = models.ManyToManyField(
        "gaps.DataGap",
        blank=True,
        related_name="publications",
        verbose_name=_("data gaps it informs"),
    )
    priorities = models.ManyToManyField(
        "agenda.ResearchPriority",
        blank=True,
        related_name="publications",
        verbose_name=_("agenda priorities it informs"),
    )

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("other_publishers"),
        index.RelatedFields(
            "publishers", [index.SearchField("name"), index.SearchField("acronym")]
        ),
        index.FilterField("type"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["-created_at"]
        # The index of the library's default order is PostgreSQL's only: migration 0004.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__isnull=True)
                | models.Q(year__isnull=False, month__gte=1, month__lte=12),
                name="publication_month_needs_year",
                violation_error_message=_("A month needs a year, and must be 1 to 12."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:detail", args=[self.slug])

    @property
    def is_online(self):
        """False when there is neither a document nor a link: the entry says so, not 404."""
        return bool(self.document_id or self.link)

    @property
    def date_display(self):
        if self.year and self.month:
            return f"{dict(MONTH_CHOICES)[self.month]} {self.year}"
        return str(self.year) if self.year else gettext("n.d.")

    @property
    def region_names(self):
        names = dict(Region.choices)
        return [str(names.get(code, code)) for code in self.regions]

    @property
    def summary_language(self):
        """The language the summary is marked with: the publication's first listed language
        (the seeds list English first). None when no language is recorded: better no `lang`
        than a wrong one."""
        return self.languages[0] if self.languages else None

    @property
    def language_names(self):
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.languages]
