"""Research projects and what happens around them. All plain models: records members create,
with a workflow and permissions by team and organization (not editorial pages)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.documents import get_document_model_string
from wagtail.search import index

from network.platform.models import Sourced, StatusChange, content_language_field

from .enums import (
    GapFill,
    JoinRequestStatus,
    OutputKind,
    PartnerStatus,
    ProjectRole,
    ProjectStatus,
    ProjectTheme,
)

USER = settings.AUTH_USER_MODEL


class ResearchProject(index.Indexed, Sourced):
    """A research collaboration. Plain model: members propose it and run it through a
    status workflow; visibility depends on the team."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.TextField(max_length=3000)
    language = content_language_field(_("The language the title, summary and plan are written in."))
    research_questions = models.TextField(max_length=3000, blank=True)
    methodology = models.TextField(max_length=5000, blank=True)
    countries = CountryField(multiple=True, blank=True)
    themes = models.JSONField(default=list, blank=True)
    priorities = models.ManyToManyField(
        "agenda.ResearchPriority",
        blank=True,
        related_name="projects",
        verbose_name=_("agenda priorities it addresses"),
    )
    gaps = models.ManyToManyField(
        "gaps.DataGap",
        blank=True,
        related_name="projects",
        verbose_name=_("data gaps it addresses"),
    )
    lead_organization = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="led_projects"
    )
    lead_committed = models.TextField(
        _("what the lead organization commits"), max_length=1000, blank=True
    )
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    # Ethics checklist: all four are required before the project may become active.
    informed_consent = models.BooleanField(
        _("informed consent is sought from every participant"), default=False
    )
    child_safeguarding = models.BooleanField(
        _("child participation follows a safeguarding policy"), default=False
    )
    no_personal_data = models.BooleanField(
        _("no personal data of trafficked persons goes on the platform"), default=False
    )
    ethics_review_body = models.CharField(_("ethical review body"), max_length=200, blank=True)
    # Team-only fields.
    contact_details = models.TextField(max_length=1000, blank=True)
    internal_notes = models.TextField(max_length=5000, blank=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    # Public fields only: contact details and internal notes are never indexed.
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("research_questions"),
        index.FilterField("id"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The list's order: a page reads its rows from the index, not a sort of the table.
        indexes = [models.Index(fields=["-created_at", "-id"], name="project_newest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="project_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = gettext("The planned end cannot be before the planned start.")
        if not isinstance(self.themes, list) or any(
            theme not in ProjectTheme.values for theme in self.themes
        ):
            errors["themes"] = gettext("Choose themes from the list.")
        if errors:
            raise ValidationError(errors)

    @property
    def theme_labels(self):
        return [ProjectTheme(theme).label for theme in self.themes if theme in ProjectTheme.values]

    @property
    def country_names(self):
        return ", ".join(country.name for country in self.countries)

    @property
    def ethics_missing(self):
        """What the ethics checklist still lacks, in words a lead can act on."""
        missing = []
        if not self.informed_consent:
            missing.append(gettext("informed consent"))
        if not self.child_safeguarding:
            missing.append(gettext("child participation and safeguarding"))
        if not self.no_personal_data:
            missing.append(gettext("data protection (no personal data of trafficked persons)"))
        if not self.ethics_review_body.strip():
            missing.append(gettext("the ethical review body"))
        return missing


class ProjectStatusChange(StatusChange):
    """Who moved a project from one status to another, when and why."""

    subject_field = "project"

    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ProjectStatus.choices)


class ProjectMember(models.Model):
    """A person on the project team."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="project_memberships")
    role = models.CharField(max_length=10, choices=ProjectRole.choices, default=ProjectRole.MEMBER)
    committed = models.TextField(_("what they commit"), max_length=1000, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_project")
        ]

    def __str__(self):
        return f"{self.user} on {self.project} ({self.role})"


class PartnerOrganization(models.Model):
    """An organization invited to take part; its focal point (or alternate) decides."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="project_partnerships"
    )
    status = models.CharField(
        max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.INVITED
    )
    committed = models.TextField(_("what the organization commits"), max_length=1000, blank=True)
    invited_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization"], name="one_partnership_per_project"
            )
        ]

    def __str__(self):
        return f"{self.organization} in {self.project} ({self.status})"


class OpenRole(models.Model):
    """Someone the project is looking for."""

    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="open_roles"
    )
    title = models.CharField(max_length=200)
    skills = models.TextField(max_length=1000, blank=True)
    countries = CountryField(multiple=True, blank=True)
    duration = models.CharField(max_length=100, blank=True)
    is_filled = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["is_filled", "created_at", "pk"]

    def __str__(self):
        return self.title


class JoinRequest(models.Model):
    """A researcher asks to join a project; its leads decide."""

    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="project_join_requests")
    role = models.ForeignKey(
        OpenRole,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="join_requests",
        verbose_name=_("role applied for"),
    )
    message = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note to the applicant"), max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.project} ({self.status})"


class ProjectOutput(models.Model):
    """What a project produced, typed and versioned. Datasets are described, never uploaded
    as case data."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(max_length=20, choices=OutputKind.choices)
    title = models.CharField(max_length=250)
    version = models.CharField(max_length=30, blank=True)
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link = models.URLField(blank=True)
    description = models.TextField(max_length=3000, blank=True)
    added_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closes_gaps = models.ManyToManyField(
        "gaps.DataGap",
        blank=True,
        through="OutputClosesGap",
        related_name="closing_outputs",
        verbose_name=_("gaps it closes"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.title} {self.version}".strip()


class OutputClosesGap(models.Model):
    """An output closes one of its project's gaps, partly or fully."""

    output = models.ForeignKey(ProjectOutput, on_delete=models.CASCADE, related_name="gap_links")
    gap = models.ForeignKey("gaps.DataGap", on_delete=models.CASCADE, related_name="+")
    fills = models.CharField(max_length=10, choices=GapFill.choices, default=GapFill.PARTLY)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["output", "gap"], name="one_closing_per_output_gap"),
            models.CheckConstraint(
                condition=Q(fills__in=GapFill.values), name="output_gap_fills_valid"
            ),
        ]

    def __str__(self):
        return f"{self.output} fills {self.gap} ({self.fills})"


class ProjectNotification(models.Model):
    """A line on a person's /projects/mine/ page: a new join request, a decision."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="project_notifications")
    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text
