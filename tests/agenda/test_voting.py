from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.enums import MembershipRole
from network.agenda import services
from network.agenda.enums import PriorityStatus, VoterRole
from network.agenda.models import PriorityStatusChange, Vote
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.gaps import PriorityFactory

pytestmark = pytest.mark.django_db


def _close(priority):
    return services.priority_vote_close(
        priority=priority, by=None, now=priority.vote_closes_at + timedelta(seconds=1)
    )


def test_vote_two_people_of_one_org_count_once(open_vote, org_a, focal_a, alternate_a, org_b):
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    services.vote_cast(priority=open_vote, organization=org_a, by=alternate_a, choice="yes")
    tally = services.priority_tally(open_vote)
    assert (tally.yes, tally.no, tally.participating, tally.member_count) == (1, 0, 1, 2)


def test_vote_alternate_counts_only_when_focal_point_did_not_vote(
    open_vote, org_a, focal_a, alternate_a, org_b
):
    services.vote_cast(priority=open_vote, organization=org_a, by=alternate_a, choice="no")
    assert services.priority_tally(open_vote).no == 1
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    tally = services.priority_tally(open_vote)
    assert (tally.yes, tally.no) == (1, 0)
    entry = tally.roll_call[0]
    assert (entry.organization, entry.choice, entry.role, entry.cast_by) == (
        org_a,
        "yes",
        VoterRole.FOCAL_POINT,
        focal_a,
    )


def test_vote_second_vote_replaces_first(open_vote, org_a, focal_a):
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="no")
    assert list(Vote.objects.values_list("choice", flat=True)) == ["no"]


def test_vote_adopted_with_quorum_and_majority(open_vote, org_a, focal_a, org_b, focal_b, focal_c):
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    services.vote_cast(priority=open_vote, organization=org_b, by=focal_b, choice="abstain")
    tally = _close(open_vote)
    open_vote.refresh_from_db()
    assert tally.quorum_met and tally.adopted
    assert open_vote.status == PriorityStatus.ADOPTED
    assert open_vote.history.last().reason == (
        "Vote closed: 1 yes, 0 no, 1 abstain; 2 of 3 member organizations took part (quorum 50%)."
    )


def test_vote_tie_is_not_adopted(open_vote, org_a, focal_a, org_b, focal_b):
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    services.vote_cast(priority=open_vote, organization=org_b, by=focal_b, choice="no")
    tally = _close(open_vote)
    open_vote.refresh_from_db()
    assert tally.quorum_met and not tally.adopted
    assert open_vote.status == PriorityStatus.NOT_ADOPTED


def test_vote_without_quorum_is_not_adopted(open_vote, org_a, focal_a, org_b, org_c):
    OrganizationFactory.create_batch(2)  # five member organizations; one takes part
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    tally = _close(open_vote)
    open_vote.refresh_from_db()
    assert (tally.yes, tally.participating, tally.member_count) == (1, 1, 5)
    assert not tally.quorum_met and not tally.adopted
    assert open_vote.status == PriorityStatus.NOT_ADOPTED
    assert open_vote.history.last().reason.endswith("(quorum 50%, not reached).")


def test_vote_quorum_exactly_reached_counts(open_vote, org_a, focal_a, org_b):
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    assert _close(open_vote).adopted  # 1 of 2 = 50 %


def test_roll_call_lists_every_member_organization(open_vote, org_a, focal_a, org_b):
    OrganizationFactory(name="Applicant", status="applicant")
    services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="yes")
    tally = services.priority_tally(open_vote)
    assert [(e.organization.name, e.choice) for e in tally.roll_call] == [
        ("Agency A", "yes"),
        ("Agency B", None),
    ]


def test_vote_by_plain_member_refused(open_vote, org_a, member_a):
    with pytest.raises(PermissionDenied):
        services.vote_cast(priority=open_vote, organization=org_a, by=member_a, choice="yes")
    assert not Vote.objects.exists()


def test_vote_for_another_org_refused(open_vote, org_b, focal_a):
    with pytest.raises(PermissionDenied):
        services.vote_cast(priority=open_vote, organization=org_b, by=focal_a, choice="yes")
    assert not Vote.objects.exists()


def test_vote_by_superuser_without_role_refused(open_vote, org_a, staff):
    with pytest.raises(PermissionDenied):
        services.vote_cast(priority=open_vote, organization=org_a, by=staff, choice="yes")
    assert not Vote.objects.exists()


def test_vote_after_close_refused(org_a, focal_a):
    now = timezone.now()
    priority = PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(days=8),
        vote_closes_at=now - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="The vote is not open"):
        services.vote_cast(priority=priority, organization=org_a, by=focal_a, choice="yes")
    assert not Vote.objects.exists()


def test_vote_on_retired_priority_refused(org_a, focal_a):
    priority = PriorityFactory(status=PriorityStatus.RETIRED)
    with pytest.raises(ValidationError, match="retired"):
        services.vote_cast(priority=priority, organization=org_a, by=focal_a, choice="yes")
    assert not Vote.objects.exists()


def test_vote_unknown_choice_refused(open_vote, org_a, focal_a):
    with pytest.raises(ValidationError):
        services.vote_cast(priority=open_vote, organization=org_a, by=focal_a, choice="maybe")
    assert not Vote.objects.exists()


def test_vote_by_former_member_org_refused(open_vote):
    former = OrganizationFactory(status="former")
    focal = MembershipFactory(organization=former, role=MembershipRole.FOCAL_POINT).user
    with pytest.raises(PermissionDenied):
        services.vote_cast(priority=open_vote, organization=former, by=focal, choice="yes")


def test_vote_close_before_window_end_by_system_refused(open_vote):
    with pytest.raises(ValidationError, match="still open"):
        services.priority_vote_close(priority=open_vote, by=None)
    open_vote.refresh_from_db()
    assert open_vote.status == PriorityStatus.PUT_TO_NETWORK


def test_close_due_votes_closes_ended_windows_only(open_vote, org_a, focal_a):
    ended = PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=timezone.now() - timedelta(days=8),
        vote_closes_at=timezone.now() - timedelta(days=1),
    )
    assert services.priority_close_due_votes() == 1
    ended.refresh_from_db()
    open_vote.refresh_from_db()
    assert ended.status == PriorityStatus.NOT_ADOPTED
    assert open_vote.status == PriorityStatus.PUT_TO_NETWORK
    assert PriorityStatusChange.objects.filter(priority=ended).count() == 1


def test_close_due_votes_command(capsys):
    PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=timezone.now() - timedelta(days=8),
        vote_closes_at=timezone.now() - timedelta(days=1),
    )
    from django.core.management import call_command

    call_command("close_due_votes")
    assert capsys.readouterr().out == "1 vote closed.\n"
