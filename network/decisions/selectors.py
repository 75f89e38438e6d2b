"""Shared reads for the decision and action register. The register is public: it records
what the network decided, never case records."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from events.enums import MinutesStatus, OutputKind
from events.models import EventOutput, EventPage
from members.models import Membership, Organization
from network.desk.registry import DeskItem
from network.platform.cache import app_version, versioned
from network.platform.queries import filter_given

from .enums import CLOSED, RecordKind
from .models import Decision, DecisionStatusChange


def decisions_visible_to(user):
    """Records the user may see (the same answer as the view_decision rule): public ones to
    everybody; a restricted meeting's records to staff and to the people of the
    organizations responsible for them."""
    if user.has_perm("decisions.view_every_decision"):
        return Decision.objects.all()
    public = Q(pk__in=Decision.objects.public().values("pk"))
    if not user.is_authenticated:
        return Decision.objects.filter(public)
    return Decision.objects.filter(public | Q(pk__in=_responsible_for(user)))


def _responsible_for(user):
    mine = Membership.objects.in_member_organizations().filter(user=user)
    return Decision.responsible.through.objects.filter(
        organization_id__in=mine.values("organization_id")
    ).values("decision_id")


def restricted_ids_visible_to(user):
    """What sets a signed-in person's view of the register beyond their viewer class: the
    restricted records their organizations answer for ("" for most people)."""
    if not user.is_authenticated or user.has_perm("decisions.view_every_decision"):
        return ""

    def compute():
        ids = (
            Decision.objects.filter(pk__in=_responsible_for(user))
            .exclude(pk__in=Decision.objects.public().values("pk"))
            .values_list("pk", flat=True)
        )
        return ",".join(str(pk) for pk in sorted(ids))

    # Asked on every signed-in view of a cached register or search: kept until a write to
    # what it reads (records, memberships, meetings and their restrictions).
    apps = ("decisions", "members", "events", "wagtailcore")
    return versioned(
        tuple(app_version(app) for app in apps), f"restricted-of:{user.pk}", compute, 3600
    )


def _meeting_is_public():
    return Exists(EventPage.objects.live().public().filter(pk=OuterRef("event_id")))


def decision_list(filters=None, *, user):
    """Records the user may see, filtered by kind, status, responsible organization, meeting
    and overdue."""
    filters = filters or {}
    decisions = (
        decisions_visible_to(user)
        .select_related("event", "priority_vote")
        .annotate(meeting_is_public=_meeting_is_public())
        .prefetch_related(Prefetch("responsible", queryset=Organization.objects.order_by("name")))
    )
    decisions = filter_given(decisions, filters, kind="kind", status="status", event="event")
    if organization := filters.get("organization"):
        decisions = decisions.filter(
            pk__in=Decision.responsible.through.objects.filter(organization=organization).values(
                "decision_id"
            )
        )
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


def decision_detail(pk, *, user):
    """The record if the user may see it, with what its page shows; else None."""
    return (
        decisions_visible_to(user)
        .filter(pk=pk)
        .select_related("event", "priority_vote", "minutes__event")
        .annotate(meeting_is_public=_meeting_is_public())
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


def desk_items(*, user, organizations):
    """For the desk: open action points the organizations are responsible for that are
    overdue or due within 30 days. An overdue one carries no deadline, so that it stays on
    the desk until it is done or dropped. One query."""
    today = timezone.localdate()
    points = (
        decision_list({"kind": RecordKind.ACTION_POINT}, user=user)
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
