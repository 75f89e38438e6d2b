"""Shared reads for the research agenda. Priorities are public: the agenda is the
network's open statement of what it will research."""

from django.db.models import Case, Count, Min, OuterRef, Prefetch, When
from django.utils import timezone
from wagtail import hooks

from network.gaps.enums import PROGRESS_STATUSES
from network.gaps.models import DataGap
from network.platform.queries import filter_given, row_count

from .enums import STATUS_ORDER, PriorityStatus
from .models import (
    Endorsement,
    PriorityStatusChange,
    PriorityTranslation,
    ResearchPriority,
    Supporter,
    Vote,
)


def _filtered(filters):
    return filter_given(ResearchPriority.objects.all(), filters, theme="theme", status="status")


def priority_list(*, filters=None):
    """Priorities with their endorsement (per organization) and supporter counts, grouped by
    status (in the order of STATUS_ORDER) and by title within a status."""
    return (
        _filtered(filters or {})
        .select_related("proposing_organization")
        .annotate(
            endorsement_count=row_count(Endorsement.objects.filter(priority=OuterRef("pk"))),
            supporter_count=row_count(Supporter.objects.filter(priority=OuterRef("pk"))),
            gap_count=row_count(
                ResearchPriority.gaps.through.objects.filter(researchpriority=OuterRef("pk"))
            ),
        )
        .order_by(
            Case(*(When(status=s, then=i) for i, s in enumerate(STATUS_ORDER)), default=99),
            "title",
            "pk",
        )
    )


def status_counts(*, filters=None):
    """{status: how many priorities}, over every page of priority_list(filters=…)."""
    rows = _filtered(filters or {}).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def next_vote_close():
    """When the next open vote's window ends (None when none is open): then the list shows it
    as closing, with no write, until the close_due_votes job counts it."""
    return ResearchPriority.objects.filter(
        status=PriorityStatus.PUT_TO_NETWORK, vote_closes_at__gt=timezone.now()
    ).aggregate(at=Min("vote_closes_at"))["at"]


def priority_detail(pk):
    return (
        ResearchPriority.objects.select_related("proposing_organization", "proposed_by")
        .prefetch_related(
            Prefetch("gaps", queryset=DataGap.objects.select_related("reported_by")),
            Prefetch(
                "endorsements",
                queryset=Endorsement.objects.select_related("organization", "endorsed_by"),
            ),
            Prefetch("history", queryset=PriorityStatusChange.objects.select_related("by")),
            Prefetch(
                "translations", queryset=PriorityTranslation.objects.select_related("translator")
            ),
        )
        .annotate(supporter_count=Count("supporters", distinct=True))
        .filter(pk=pk)
        .first()
    )


def votes_by(priority, organizations):
    return {
        (vote.organization_id, vote.role): vote
        for vote in Vote.objects.filter(priority=priority, organization__in=organizations)
    }


def adopted_agenda():
    """Adopted priorities with their gaps and progress: the share of their gaps being
    addressed, partly filled or filled."""
    priorities = (
        ResearchPriority.objects.filter(status=PriorityStatus.ADOPTED)
        .select_related("proposing_organization")
        .prefetch_related(
            Prefetch("gaps", queryset=DataGap.objects.order_by("title")),
            Prefetch("endorsements", queryset=Endorsement.objects.select_related("organization")),
        )
        .order_by("theme", "title")
    )
    for priority in priorities:
        gaps = list(priority.gaps.all())
        moving = sum(1 for gap in gaps if gap.status in PROGRESS_STATUSES)
        priority.progress = round(100 * moving / len(gaps)) if gaps else None
        priority.gaps_moving = moving
        yield priority


def priorities_addressed_by(*, user, priorities):
    """{priority pk: [what the user may see that addresses it]}: research projects, from the
    apps that answer priorities and register a `priorities_addressed_by` hook."""
    found = {}
    for fn in hooks.get_hooks("priorities_addressed_by"):
        for pk, items in fn(user=user, priorities=priorities).items():
            found.setdefault(pk, []).extend(items)
    return found


def desk_items(*, user, organizations):
    """For the desk: votes open for the organizations, with whether each voted and who; and
    priorities proposed by others that wait for the organization's endorsement. Three queries
    whatever the number of items."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    if not organizations:
        return []
    now = timezone.now()
    items = []
    open_votes = list(
        ResearchPriority.objects.filter(
            status=PriorityStatus.PUT_TO_NETWORK, vote_opens_at__lte=now, vote_closes_at__gt=now
        ).order_by("vote_closes_at", "pk")
    )
    cast = {}
    for vote in Vote.objects.filter(
        priority__in=open_votes, organization__in=organizations
    ).select_related("cast_by"):
        cast.setdefault((vote.priority_id, vote.organization_id), []).append(vote)
    for priority in open_votes:
        for organization in organizations:
            votes = cast.get((priority.pk, organization.pk), [])
            if votes:
                reason = _("Voted (%(who)s); you may still change the vote.") % {
                    "who": ", ".join(str(vote.cast_by or _("a former member")) for vote in votes)
                }
            else:
                reason = _("Your organization has not voted yet.")
            items.append(
                DeskItem(
                    organization=organization,
                    kind=_("Vote"),
                    title=priority.title,
                    reason=reason,
                    url=reverse("agenda:detail", args=[priority.pk]),
                    deadline=priority.vote_closes_at,
                )
            )
    waiting = list(
        ResearchPriority.objects.filter(
            status__in=(PriorityStatus.PROPOSED, PriorityStatus.UNDER_DISCUSSION)
        ).order_by("title", "pk")
    )
    endorsed = set(
        Endorsement.objects.filter(
            priority__in=waiting, organization__in=organizations
        ).values_list("priority_id", "organization_id")
    )
    for priority in waiting:
        for organization in organizations:
            if priority.proposing_organization_id == organization.pk:
                continue
            if (priority.pk, organization.pk) in endorsed:
                continue
            items.append(
                DeskItem(
                    organization=organization,
                    kind=_("Endorsement"),
                    title=priority.title,
                    reason=_("Proposed by another organization; will yours endorse it?"),
                    url=reverse("agenda:detail", args=[priority.pk]),
                )
            )
    return items


def desk_done(*, user, organizations, since):
    """For the desk's "done recently": votes the organizations cast (or last changed) since
    `since`. One query."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    if not organizations:
        return []
    by_pk = {org.pk: org for org in organizations}
    return [
        DeskItem(
            organization=by_pk[vote.organization_id],
            kind=_("Vote"),
            title=vote.priority.title,
            reason=_("Voted “%(choice)s” (%(who)s).")
            % {"choice": vote.get_choice_display(), "who": vote.cast_by or _("a former member")},
            url=reverse("agenda:detail", args=[vote.priority_id]),
            done_at=vote.updated_at,
        )
        for vote in Vote.objects.filter(
            organization__in=organizations, updated_at__gte=since
        ).select_related("priority", "cast_by")
    ]
