"""Standing working groups of the network. Plain models, not pages: members propose them,
organizations join them through a request and a convener's answer, and what people see of
them follows their organizations, not the page tree."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from events.models import EventPage, Session
from members.models import Organization
from network.agenda.models import ResearchPriority
from network.decisions.models import Decision
from network.gaps.models import DataGap
from network.library.models import Publication
from network.platform.models import Sourced

from .enums import HOLDS_A_PLACE, PUBLIC, GroupStatus, MembershipStatus

USER = settings.AUTH_USER_MODEL


class WorkingGroupQuerySet(models.QuerySet):
    def public(self):
        """Groups anyone may see: approved ones, running or closed, and seeded ones whose
        status the sources do not state."""
        return self.filter(status__in=PUBLIC)


class WorkingGroup(index.Indexed, Sourced):
    """A standing body of the network: organizations take part in it as equals."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    mandate = models.TextField(
        _("mandate"), max_length=5000, blank=True, help_text=_("What the group is for (Markdown).")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.PROPOSED
    )
    organizations = models.ManyToManyField(
        Organization, through="GroupMembership", related_name="+", blank=True
    )
    conveners = models.ManyToManyField(
        Organization, related_name="convened_groups", blank=True,
        verbose_name=_("convening organizations"),
    )  # fmt: skip
    events = models.ManyToManyField(
        EventPage, related_name="+", blank=True, verbose_name=_("meetings")
    )
    sessions = models.ManyToManyField(
        Session, related_name="+", blank=True, verbose_name=_("meeting sessions")
    )
    publications = models.ManyToManyField(
        Publication, related_name="+", blank=True, verbose_name=_("outputs")
    )
    decisions = models.ManyToManyField(
        Decision, related_name="+", blank=True, verbose_name=_("decisions and action points")
    )
    priorities = models.ManyToManyField(
        ResearchPriority, related_name="+", blank=True, verbose_name=_("agenda priorities")
    )
    gaps = models.ManyToManyField(
        DataGap, related_name="+", blank=True, verbose_name=_("data gaps")
    )
    proposed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = WorkingGroupQuerySet.as_manager()

    # Site search lists approved groups only (home/search/kinds.py): nothing here is restricted.
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("mandate"),
        index.AutocompleteField("name"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:detail", args=[self.slug])

    @property
    def is_public(self):
        return self.status != GroupStatus.PROPOSED


class GroupMembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status=MembershipStatus.MEMBER)

    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)


class GroupMembership(models.Model):
    """An organization's place in a group: asked for, then accepted (joined) or declined, and
    in the end left. A new request after leaving is a new row, so the history stays."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    requested_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(max_length=2000, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organization"],
                condition=Q(status__in=HOLDS_A_PLACE),
                name="groups_one_place_per_organization",
                violation_error_message=_("This organization already belongs to the group or "
                                          "has asked to join it."),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.organization} in {self.group} ({self.get_status_display()})"
