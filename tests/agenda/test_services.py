from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from network.agenda import services
from network.agenda.enums import PriorityStatus
from network.agenda.models import Endorsement, PriorityStatusChange, ResearchPriority, Supporter
from tests.factories.gaps import DataGapFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def test_priority_propose_records_history(org_a, member_a):
    gap = DataGapFactory()
    priority = services.priority_propose(
        by=member_a,
        organization=org_a,
        title=" Internal trafficking ",
        rationale="Under-researched.",
        theme="patterns",
        gaps=[gap],
    )
    assert priority.title == "Internal trafficking"
    assert priority.status == PriorityStatus.PROPOSED
    assert list(priority.gaps.all()) == [gap]
    change = priority.history.get()
    assert (change.from_status, change.to_status, change.by) == ("", "proposed", member_a)


def test_priority_propose_by_outsider_refused(plain_user, org_a):
    with pytest.raises(PermissionDenied):
        services.priority_propose(
            by=plain_user, organization=org_a, title="T", rationale="R", theme="patterns"
        )
    assert not ResearchPriority.objects.exists()


def test_priority_propose_bad_theme_refused(org_a, member_a):
    with pytest.raises(ValidationError):
        services.priority_propose(
            by=member_a, organization=org_a, title="T", rationale="R", theme="astrology"
        )
    assert not ResearchPriority.objects.exists()


def test_priority_transition_records_who_and_why(staff):
    priority = PriorityFactory()
    services.priority_transition(
        priority=priority, to_status="under_discussion", by=staff, reason="Tabled for May."
    )
    priority.refresh_from_db()
    assert priority.status == "under_discussion"
    change = priority.history.get()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        "proposed",
        "under_discussion",
        staff,
        "Tabled for May.",
    )


def test_priority_transition_not_allowed_refused(staff):
    priority = PriorityFactory()
    with pytest.raises(ValidationError, match="cannot move from “Proposed” to “Adopted”"):
        services.priority_transition(priority=priority, to_status="adopted", by=staff, reason="x")
    priority.refresh_from_db()
    assert priority.status == "proposed"
    assert not PriorityStatusChange.objects.exists()


def test_priority_transition_by_member_refused(focal_a):
    priority = PriorityFactory()
    with pytest.raises(PermissionDenied):
        services.priority_transition(
            priority=priority, to_status="under_discussion", by=focal_a, reason="x"
        )
    priority.refresh_from_db()
    assert priority.status == "proposed"


def test_priority_vote_open_sets_window(staff):
    priority = PriorityFactory(status=PriorityStatus.UNDER_DISCUSSION)
    closes = timezone.now() + timedelta(days=14)
    services.priority_vote_open(priority=priority, by=staff, closes_at=closes, quorum=60)
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.PUT_TO_NETWORK
    assert (priority.vote_closes_at, priority.quorum) == (closes, 60)
    assert priority.vote_is_open


def test_priority_vote_open_closing_in_past_refused(staff):
    priority = PriorityFactory(status=PriorityStatus.UNDER_DISCUSSION)
    with pytest.raises(ValidationError):
        services.priority_vote_open(
            priority=priority, by=staff, closes_at=timezone.now() - timedelta(days=1)
        )
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.UNDER_DISCUSSION
    assert priority.vote_closes_at is None


def test_endorse_once_per_org(org_a, focal_a, alternate_a):
    priority = PriorityFactory()
    services.priority_endorse(priority=priority, organization=org_a, by=focal_a)
    with pytest.raises(ValidationError, match="Agency A has already endorsed"):
        services.priority_endorse(priority=priority, organization=org_a, by=alternate_a)
    assert Endorsement.objects.get().endorsed_by == focal_a


def test_endorse_by_plain_member_refused(org_a, member_a):
    priority = PriorityFactory()
    with pytest.raises(PermissionDenied):
        services.priority_endorse(priority=priority, organization=org_a, by=member_a)
    assert not Endorsement.objects.exists()


def test_endorsement_withdraw(org_a, focal_a):
    priority = PriorityFactory()
    services.priority_endorse(priority=priority, organization=org_a, by=focal_a)
    services.priority_endorsement_withdraw(priority=priority, organization=org_a, by=focal_a)
    assert not Endorsement.objects.exists()
    with pytest.raises(ValidationError):
        services.priority_endorsement_withdraw(priority=priority, organization=org_a, by=focal_a)


def test_support_by_members_counts_people(member_a, focal_a, plain_user):
    priority = PriorityFactory()
    services.priority_support(priority=priority, by=member_a)
    services.priority_support(priority=priority, by=focal_a)
    with pytest.raises(ValidationError):
        services.priority_support(priority=priority, by=member_a)
    with pytest.raises(PermissionDenied):
        services.priority_support(priority=priority, by=plain_user)
    assert Supporter.objects.filter(priority=priority).count() == 2
