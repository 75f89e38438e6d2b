"""Working group services: proposing, approving, closing, joining, answering and leaving, and
every bad input refused with a clear message and nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.enums import OrganizationStatus
from network.groups import services
from network.groups.enums import GroupStatus, MembershipStatus
from network.groups.models import GroupMembership, WorkingGroup
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _messages(error):
    return " ".join(error.messages)


def test_group_propose_by_a_network_member_is_proposed_and_convened_by_their_organization(
    member_a, org_a
):
    group = services.group_propose(by=member_a, name=" Data quality ", organization=org_a,
                                   mandate="Compare *definitions*.")  # fmt: skip
    assert (group.name, group.slug, group.status, group.proposed_by) == (
        "Data quality", "data-quality", GroupStatus.PROPOSED, member_a
    )  # fmt: skip
    assert list(group.conveners.all()) == [org_a]
    assert list(group.memberships.current().values_list("organization__slug", flat=True)) == [
        "agency-a"
    ]


def test_group_propose_with_an_empty_name_is_refused(member_a, org_a):
    with pytest.raises(ValidationError) as error:
        services.group_propose(by=member_a, name="   ", organization=org_a)
    assert error.value.message_dict == {"name": ["Give the group a name."]}
    assert WorkingGroup.objects.count() == 0


def test_group_propose_by_someone_outside_the_network_is_refused(plain_user, org_a):
    with pytest.raises(PermissionDenied):
        services.group_propose(by=plain_user, name="Mine", organization=org_a)
    assert WorkingGroup.objects.count() == 0


def test_group_propose_for_an_organization_one_does_not_belong_to_is_refused(member_a, org_b):
    with pytest.raises(ValidationError) as error:
        services.group_propose(by=member_a, name="Theirs", organization=org_b)
    assert "only for an organization you belong to" in _messages(error.value)
    assert WorkingGroup.objects.count() == 0


def test_group_approve_and_close_by_staff_only(member_a, org_a, staff, focal_a):
    group = services.group_propose(by=member_a, name="Data quality", organization=org_a)
    with pytest.raises(PermissionDenied):
        services.group_approve(group=group, by=focal_a)
    group.refresh_from_db()
    assert group.status == GroupStatus.PROPOSED
    group = services.group_approve(group=group, by=staff)
    assert (group.status, group.decided_by) == (GroupStatus.ACTIVE, staff)
    with pytest.raises(ValidationError) as error:
        services.group_approve(group=group, by=staff)
    assert _messages(error.value) == "A group that is “Active” cannot become “Active”."
    group = services.group_close(group=group, by=staff)
    assert group.status == GroupStatus.CLOSED


def test_join_request_and_acceptance_make_the_organization_a_member(group, org_c, focal_c,
                                                                     focal_a):  # fmt: skip
    request = services.group_join_request(group=group, organization=org_c, by=focal_c, note="Hi")
    assert request.status == MembershipStatus.PENDING
    membership = services.group_join_decide(membership=request, by=focal_a, accept=True)
    assert (membership.pk, membership.status, membership.decided_by) == (
        request.pk, MembershipStatus.MEMBER, focal_a
    )  # fmt: skip
    assert membership.joined_at is not None


def test_join_declined_leaves_the_organization_outside(group, org_c, focal_c, staff):
    request = services.group_join_request(group=group, organization=org_c, by=focal_c)
    services.group_join_decide(membership=request, by=staff, accept=False)
    assert not group.memberships.current().filter(organization=org_c).exists()
    # It may ask again later.
    services.group_join_request(group=group, organization=org_c, by=focal_c)


def test_join_by_a_non_member_organization_is_refused(group, focal_c, org_c):
    org_c.status = OrganizationStatus.APPLICANT
    org_c.save()
    with pytest.raises(ValidationError) as error:
        services.group_join_request(group=group, organization=org_c, by=focal_c)
    assert _messages(error.value) == (
        "Only member organizations of the network take part in working groups."
    )
    assert not GroupMembership.objects.filter(organization=org_c).exists()


def test_join_twice_is_refused(group, org_c, focal_c, org_a, focal_a):
    services.group_join_request(group=group, organization=org_c, by=focal_c)
    with pytest.raises(ValidationError) as error:
        services.group_join_request(group=group, organization=org_c, by=focal_c)
    assert _messages(error.value) == "Agency C has already asked to join; a convener will answer."
    with pytest.raises(ValidationError) as error:
        services.group_join_request(group=group, organization=org_a, by=focal_a)
    assert _messages(error.value) == "Agency A is already a member of this group."
    assert GroupMembership.objects.filter(organization=org_c).count() == 1


def test_join_asked_by_someone_who_does_not_speak_for_the_organization_is_refused(
    group, org_c, member_a
):
    with pytest.raises(PermissionDenied):
        services.group_join_request(group=group, organization=org_c, by=member_a)
    assert not GroupMembership.objects.filter(organization=org_c).exists()


def test_join_a_proposed_or_closed_group_is_refused(group, org_c, focal_c, staff):
    services.group_close(group=group, by=staff)
    with pytest.raises(ValidationError) as error:
        services.group_join_request(group=group, organization=org_c, by=focal_c)
    assert _messages(error.value) == "This group does not take new members."


def test_join_decided_by_someone_who_is_not_a_convener_is_refused(
    group, org_c, focal_c, focal_b, member_a
):
    request = services.group_join_request(group=group, organization=org_c, by=focal_c)
    for outsider in (focal_b, member_a, focal_c):  # other org; no spokesperson; the asker
        with pytest.raises(PermissionDenied):
            services.group_join_decide(membership=request, by=outsider, accept=True)
    request.refresh_from_db()
    assert request.status == MembershipStatus.PENDING


def test_join_decided_twice_is_refused(group, org_c, focal_c, focal_a):
    request = services.group_join_request(group=group, organization=org_c, by=focal_c)
    services.group_join_decide(membership=request, by=focal_a, accept=False)
    with pytest.raises(ValidationError) as error:
        services.group_join_decide(membership=request, by=focal_a, accept=True)
    assert _messages(error.value) == "This request has already been answered."
    request.refresh_from_db()
    assert request.status == MembershipStatus.DECLINED


def test_leave_by_the_organizations_spokesperson(group, org_c, focal_c, focal_b, org_a, focal_a):
    group.memberships.create(organization=org_c, status=MembershipStatus.MEMBER)
    with pytest.raises(PermissionDenied):
        services.group_leave(group=group, organization=org_c, by=focal_b)
    membership = services.group_leave(group=group, organization=org_c, by=focal_c)
    assert (membership.status, membership.left_at is not None) == (MembershipStatus.LEFT, True)
    with pytest.raises(ValidationError) as error:
        services.group_leave(group=group, organization=org_c, by=focal_c)
    assert _messages(error.value) == "Agency C is not a member of this group."
    # The only convener cannot leave the group without one.
    with pytest.raises(ValidationError) as error:
        services.group_leave(group=group, organization=org_a, by=focal_a)
    assert "only convener" in _messages(error.value)
    assert group.memberships.current().filter(organization=org_a).exists()


def test_group_update_needs_a_member_convener(group, staff, org_b):
    applicant = OrganizationFactory(status=OrganizationStatus.APPLICANT)
    with pytest.raises(ValidationError) as error:
        services.group_update(group=group, by=staff, name="Indicators", slug="indicators",
                              conveners=[applicant])  # fmt: skip
    assert "Only member organizations" in _messages(error.value)
    with pytest.raises(ValidationError):
        services.group_update(group=group, by=staff, name="Indicators", slug="indicators",
                              conveners=[])  # fmt: skip
    services.group_update(group=group, by=staff, name="Indicators", slug="indicators",
                          conveners=[org_b])  # fmt: skip
    assert list(group.conveners.all()) == [org_b]
    assert group.memberships.current().filter(organization=org_b).exists()
