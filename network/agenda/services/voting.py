"""Putting a priority to the network: opening the vote, casting, counting and closing."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail import hooks

from members.models import Organization, User

from ..enums import PriorityStatus, VoteChoice, VoterRole
from ..models import ResearchPriority, Vote
from .common import _lock, _record, _speaker_role


@transaction.atomic
def priority_vote_open(
    *,
    priority: ResearchPriority,
    by: User,
    closes_at: datetime,
    opens_at: datetime | None = None,
    quorum: int = 50,
    reason: str = "",
) -> ResearchPriority:
    """Staff put a priority under discussion to the network: the vote opens for its window.

    Side effects: a history entry; earlier votes on it (from a previous round) are cleared.
    """
    if not by.has_perm("agenda.transition_priority", priority):
        raise PermissionDenied(
            gettext("Only the network secretariat puts priorities to the network.")
        )
    priority = _lock(priority)
    if priority.status != PriorityStatus.UNDER_DISCUSSION:
        raise ValidationError(
            gettext("Only a priority under discussion can be put to the network.")
        )
    opens_at = opens_at or timezone.now()
    if closes_at <= timezone.now():
        raise ValidationError({"vote_closes_at": gettext("The vote must close in the future.")})
    priority.vote_opens_at, priority.vote_closes_at, priority.quorum = opens_at, closes_at, quorum
    priority.votes.all().delete()
    return _record(
        priority,
        to_status=PriorityStatus.PUT_TO_NETWORK,
        by=by,
        reason=reason.strip() or f"Vote open until {timezone.localtime(closes_at):%d %B %Y %H:%M}.",
    )


@transaction.atomic
def vote_cast(
    *, priority: ResearchPriority, organization: Organization, by: User, choice: str
) -> Vote:
    """The focal point or alternate votes for their organization while the vote is open.

    A second vote by the same role replaces the first. Side effects: none beyond the row.
    """
    role = _speaker_role(by, organization)
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": gettext("Choose yes, no or abstain.")})
    priority = _lock(priority)
    if priority.status == PriorityStatus.RETIRED:
        raise ValidationError(gettext("This priority is retired: there is nothing to vote on."))
    if priority.status != PriorityStatus.PUT_TO_NETWORK:
        raise ValidationError(
            gettext("This priority is not put to the network: there is no open vote.")
        )
    if not priority.vote_is_open:
        raise ValidationError(gettext("The vote is not open: it has closed or has not started."))
    vote, _ = Vote.objects.update_or_create(
        priority=priority,
        organization=organization,
        role=role,
        defaults={"cast_by": by, "choice": choice, "updated_at": timezone.now()},
    )
    return vote


@dataclass(frozen=True)
class RollCallEntry:
    organization: Organization
    choice: str | None  # None: did not take part
    role: str | None
    cast_by: User | None


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    participating: int
    member_count: int
    quorum: int
    roll_call: list[RollCallEntry] = field(default_factory=list)

    @property
    def quorum_met(self):
        # Integers only: participating / members >= quorum / 100.
        return self.member_count > 0 and self.participating * 100 >= self.quorum * self.member_count

    @property
    def adopted(self):
        return self.quorum_met and self.yes > self.no


def vote_tally(*, votes, member_organizations, quorum: int) -> Tally:
    """Count one voice per member organization: its focal point's vote, or else its
    alternate's. Votes of organizations that are not members are ignored. Pure function."""
    by_org = {}
    for vote in votes:
        current = by_org.get(vote.organization_id)
        if current is None or (
            vote.role == VoterRole.FOCAL_POINT and current.role != VoterRole.FOCAL_POINT
        ):
            by_org[vote.organization_id] = vote
    roll_call, counts = [], {choice: 0 for choice in VoteChoice.values}
    for organization in sorted(member_organizations, key=lambda o: o.name.lower()):
        vote = by_org.get(organization.pk)
        if vote is None:
            roll_call.append(RollCallEntry(organization, None, None, None))
            continue
        counts[vote.choice] += 1
        roll_call.append(RollCallEntry(organization, vote.choice, vote.role, vote.cast_by))
    return Tally(
        yes=counts[VoteChoice.YES],
        no=counts[VoteChoice.NO],
        abstain=counts[VoteChoice.ABSTAIN],
        participating=sum(counts.values()),
        member_count=len(member_organizations),
        quorum=quorum,
        roll_call=roll_call,
    )


def priority_tally(priority: ResearchPriority) -> Tally:
    """The tally of a priority's votes against today's member organizations."""
    members = list(Organization.objects.members())
    votes = list(priority.votes.select_related("cast_by"))
    return vote_tally(votes=votes, member_organizations=members, quorum=priority.quorum)


@transaction.atomic
def priority_vote_close(
    *, priority: ResearchPriority, by: User | None, now: datetime | None = None
) -> Tally:
    """Close the vote once its window has ended and apply the result.

    Side effects: status becomes adopted or not adopted; a history entry with the count.
    """
    if by is not None and not by.has_perm("agenda.transition_priority", priority):
        raise PermissionDenied(gettext("Only the network secretariat closes votes."))
    priority = _lock(priority)
    if priority.status != PriorityStatus.PUT_TO_NETWORK:
        raise ValidationError(gettext("This priority has no vote to close."))
    now = now or timezone.now()
    if priority.vote_closes_at and now < priority.vote_closes_at:
        if by is None:
            raise ValidationError(gettext("The vote is still open."))
        # Staff closing early end the window now, so the record shows when it really closed.
        priority.vote_closes_at = max(now, priority.vote_opens_at + timezone.timedelta(seconds=1))
    tally = priority_tally(priority)
    status = PriorityStatus.ADOPTED if tally.adopted else PriorityStatus.NOT_ADOPTED
    reason = (
        f"Vote closed: {tally.yes} yes, {tally.no} no, {tally.abstain} abstain; "
        f"{tally.participating} of {tally.member_count} member organizations took part "
        f"(quorum {priority.quorum}%{'' if tally.quorum_met else ', not reached'})."
    )
    _record(priority, to_status=status, by=by, reason=reason)
    if status == PriorityStatus.ADOPTED:
        # Apps above the agenda record what an adoption means (decisions: a decision record).
        for fn in hooks.get_hooks("priority_adopted"):
            fn(priority=priority)
    return tally


def priority_close_due_votes(*, now: datetime | None = None) -> int:
    """Close every vote whose window has ended. Returns how many closed."""
    now = now or timezone.now()
    due = ResearchPriority.objects.filter(
        status=PriorityStatus.PUT_TO_NETWORK, vote_closes_at__lte=now
    )
    closed = 0
    for priority in due:
        try:
            priority_vote_close(priority=priority, by=None, now=now)
        except ValidationError:
            # Another request closed it between our read and its lock.
            continue
        closed += 1
    return closed
