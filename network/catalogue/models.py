"""The data catalogue: datasets described by metadata only, and the access requests routed to
their owners. Plain models, not pages: members describe them under permissions by
organization, and requests move through a recorded workflow."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from network.gaps.enums import Disaggregation, ExploitationForm
from network.gaps.fields import ChoiceListField
from network.gaps.models import Country, SubRegion
from network.platform.models import Sourced

from .enums import AccessCondition, ContactRole, RequestAction, RequestStatus

NO_PERSONAL_DATA = _("Never include personal data of trafficked persons.")


class Dataset(Sourced):
    """What a member organization holds and on what terms: metadata only, never the data."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=5000, help_text=NO_PERSONAL_DATA)
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="datasets", verbose_name=_("owner")
    )
    # Co-owners hold the dataset as equals of the owner: same rights, same requests.
    co_owners = models.ManyToManyField(
        Organization, blank=True, related_name="co_owned_datasets", verbose_name=_("co-owners")
    )
    countries = models.ManyToManyField(
        Country, blank=True, related_name="datasets", verbose_name=_("countries")
    )
    sub_regions = models.ManyToManyField(
        SubRegion, blank=True, related_name="datasets", verbose_name=_("sub-regions")
    )
    year_from = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    unit_of_record = models.CharField(
        _("unit of record"),
        max_length=200,
        help_text=_("In words, e.g. “assisted cases”."),
    )
    variables = models.TextField(
        _("variables"), max_length=3000, blank=True, help_text=NO_PERSONAL_DATA
    )
    disaggregations = ChoiceListField(
        _("disaggregations supported"), choices=Disaggregation.choices, max_length=60
    )
    forms = ChoiceListField(
        _("forms of exploitation"), choices=ExploitationForm.choices, max_length=120
    )
    update_frequency = models.CharField(_("update frequency"), max_length=200, blank=True)
    standard = models.CharField(_("standard used"), max_length=200, blank=True)
    access = models.CharField(_("access condition"), max_length=20, choices=AccessCondition.choices)
    legal_basis = models.TextField(_("legal basis"), max_length=3000, blank=True)
    safeguards = models.TextField(_("safeguards"), max_length=3000, blank=True)
    contact_role = models.CharField(
        _("contact"),
        max_length=20,
        choices=ContactRole.choices,
        default=ContactRole.FOCAL_POINT,
    )
    external_link = models.URLField(
        _("link to the open release"),
        blank=True,
        help_text=_("Only for open datasets: where the data itself is published."),
    )
    publications = models.ManyToManyField(
        "library.Publication", blank=True, related_name="datasets", verbose_name=_("publications")
    )
    projects = models.ManyToManyField(
        "projects.ResearchProject", blank=True, related_name="datasets", verbose_name=_("projects")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_from__isnull=True)
                | Q(year_to__isnull=True)
                | Q(year_from__lte=F("year_to")),
                name="dataset_years_in_order",
            ),
            models.CheckConstraint(
                condition=Q(external_link="") | Q(access=AccessCondition.OPEN),
                name="dataset_link_only_when_open",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalogue:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.year_from and self.year_to and self.year_from > self.year_to:
            errors["year_to"] = _("The last year cannot come before the first.")
        if self.external_link and self.access != AccessCondition.OPEN:
            errors["external_link"] = _(
                "A link to the data is allowed only for open datasets: the platform never "
                "holds or hands out data that is shared on request."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def form_labels(self):
        labels = dict(ExploitationForm.choices)
        return [labels[f] for f in self.forms if f in labels]

    @property
    def is_requestable(self):
        return self.access in (
            AccessCondition.MEMBERS,
            AccessCondition.AGREEMENT,
            AccessCondition.NOT_STATED,
        )


class AccessRequest(models.Model):
    """A member organization asking an owner for access. Seen by the two organizations and
    staff only; the platform records the exchange, the owner delivers by its own means."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="requests")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="data_requests",
        verbose_name=_("on behalf of"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.TextField(_("purpose"), max_length=3000)
    project = models.ForeignKey(
        "projects.ResearchProject",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("project"),
    )
    variables_needed = models.TextField(_("variables needed"), max_length=3000)
    coverage_needed = models.TextField(_("coverage needed"), max_length=2000)
    storage = models.TextField(_("how the data will be kept"), max_length=3000)
    retention = models.CharField(_("for how long"), max_length=200)
    k_confirmed = models.BooleanField(_("k ≥ 11 rule confirmed"), default=False)
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    conditions = models.TextField(_("conditions"), max_length=3000, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lt=F("ends_on")),
                name="access_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.dataset} — {self.organization}"

    def get_absolute_url(self):
        return reverse("catalogue:request", args=[self.pk])


class AccessEvent(models.Model):
    """One step of a request, in order: the audit log. Written only by the services."""

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=RequestAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(max_length=3000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request}: {self.get_action_display()}"


class GapCitation(models.Model):
    """A data gap citing a dataset as evidence that the missing figures may exist there.
    A plain model: written by the people of the gap's reporting organization (or staff)."""

    gap = models.ForeignKey(
        "gaps.DataGap", on_delete=models.CASCADE, related_name="dataset_citations"
    )
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="citations")
    note = models.CharField(
        _("what the dataset could show"), max_length=500, blank=True, help_text=NO_PERSONAL_DATA
    )
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dataset__title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gap", "dataset"], name="gap_cites_dataset_once"),
        ]

    def __str__(self):
        return f"{self.gap} — {self.dataset}"
