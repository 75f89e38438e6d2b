"""Shared reads for the decision and action register. The register is public: it records
what the network decided, never case records."""

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from events.enums import MinutesStatus, OutputKind
from events.models import EventOutput
from members.models import Organization
from network.desk.registry import DeskItem

from .enums import CLOSED, RecordKind
from .models import Decision, DecisionStatusChange


def decision_list(filters=None):
    """Records filtered by kind, status, responsible organization, meeting and overdue."""
    filters = filters or {}
    decisions = Decision.objects.select_related("event", "priority_vote").prefetch_related(
        Prefetch("responsible", queryset=Organization.objects.order_by("name"))
    )
    if kind := filters.get("kind"):
        decisions = decisions.filter(kind=kind)
    if status := filters.get("status"):
        decisions = decisions.filter(status=status)
    if organization := filters.get("organization"):
        decisions = decisions.filter(
            pk__in=Decision.responsible.through.objects.filter(organization=organization).values(
                "decision_id"
            )
        )
    if event := filters.get("event"):
        decisions = decisions.filter(event=event)
    if filters.get("overdue"):
        decisions = decisions.filter(due__lt=timezone.localdate()).exclude(status__in=CLOSED)
    return decisions.order_by("-created_at", "-pk")


def minutes_for_recording(pk):
    """Minutes named by a request (agreed or final ones only), or None for anything else."""
    if not str(pk or "").isdigit():
        return None
    return (
        EventOutput.objects.filter(
            pk=int(pk),
            kind=OutputKind.MINUTES,
            minutes_status__in=[MinutesStatus.AGREED, MinutesStatus.FINAL],
        )
        .select_related("event")
        .first()
    )


def decision_detail(pk):
    return (
        Decision.objects.filter(pk=pk)
        .select_related("event", "priority_vote", "minutes__event")
        .prefetch_related(
            Prefetch("responsible", queryset=Organization.objects.order_by("name")),
            "priorities",
            "gaps",
            "projects",
            Prefetch(
                "history",
                queryset=DecisionStatusChange.objects.select_related("by", "organization"),
            ),
        )
        .first()
    )


def overdue_for(organization_ids):
    """Open action points past their due date for which any of the organizations answers."""
    return decision_list({"overdue": True}).filter(
        Q(pk__in=Decision.responsible.through.objects.filter(
            organization_id__in=organization_ids).values("decision_id"))
    )  # fmt: skip


def desk_items(*, user, organizations):
    """For the desk: open action points the organizations are responsible for that are
    overdue or due within 30 days. An overdue one carries no deadline, so that it stays on
    the desk until it is done or dropped. One query."""
    today = timezone.localdate()
    points = (
        decision_list({"kind": RecordKind.ACTION_POINT})
        .exclude(status__in=CLOSED)
        .filter(due__isnull=False, due__lte=today + timedelta(days=30))
        .filter(
            pk__in=Decision.responsible.through.objects.filter(
                organization__in=organizations
            ).values("decision_id")
        )
    )
    ids = {organization.pk for organization in organizations}
    return [
        DeskItem(
            organization=organization,
            kind=gettext("Action point"),
            title=point.text[:140],
            reason=gettext("Overdue since %(date)s.") % {"date": date_format(point.due)}
            if point.due < today
            else gettext("Your organization is responsible for it."),
            url=point.get_absolute_url(),
            deadline=None if point.due < today else point.due,
        )
        for point in points
        for organization in point.responsible.all()
        if organization.pk in ids
    ]
