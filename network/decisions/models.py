"""Decisions and action points. Plain models, not pages: records that meetings and votes
produce, whose status responsible organizations move through a recorded workflow."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from events.models import EventOutput, EventPage
from members.models import Organization
from network.agenda.models import ResearchPriority
from network.gaps.models import DataGap
from network.platform.models import Sourced
from projects.models import ResearchProject

from .enums import CLOSED, DecisionStatus, RecordKind


class DecisionQuerySet(models.QuerySet):
    def public(self):
        """Records anyone may see: those of no meeting (votes, seeds) and those of a published
        meeting behind no view restriction. A restricted meeting's records are restricted."""
        return self.filter(
            Q(event__isnull=True) | Q(event__in=EventPage.objects.live().public().values("pk"))
        )


class Decision(index.Indexed, Sourced):
    kind = models.CharField(_("kind"), max_length=20, choices=RecordKind.choices)
    text = models.TextField(_("text"), max_length=4000)
    # Where it came from: a meeting, an adopted vote, or (for seeded records) a document.
    event = models.ForeignKey(
        EventPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("meeting"),
    )  # fmt: skip
    # Recorded from these minutes (their event is `event`); the minutes list what came of them.
    minutes = models.ForeignKey(
        EventOutput, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions",
        verbose_name=_("minutes"),
    )  # fmt: skip
    priority_vote = models.OneToOneField(
        ResearchPriority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("adopted vote"),
    )  # fmt: skip
    responsible = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("responsible organizations")
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    priorities = models.ManyToManyField(ResearchPriority, blank=True, related_name="+")
    gaps = models.ManyToManyField(DataGap, blank=True, related_name="+")
    projects = models.ManyToManyField(ResearchProject, blank=True, related_name="+")
    status = models.CharField(
        max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    # Site search applies visibility (home/search/kinds.py, selectors.decisions_visible_to).
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("id"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("decisions:detail", args=[self.pk])

    @property
    def meeting(self):
        """The meeting to name beside the record: a public one only, since people who may
        not see a restricted meeting may still see its records (selectors annotate
        `meeting_is_public`)."""
        return self.event if getattr(self, "meeting_is_public", False) else None

    @property
    def is_overdue(self):
        return bool(self.due and self.status not in CLOSED and self.due < timezone.localdate())


class DecisionStatusChange(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=DecisionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=DecisionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(max_length=2000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.decision} → {self.to_status}"
