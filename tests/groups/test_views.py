"""The working group pages: what each person sees, and the wrong person refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.groups.enums import GroupStatus, MembershipStatus
from network.groups.models import GroupMembership, WorkingGroup
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.groups import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_group_list_shows_active_groups_alphabetically_with_counts(client, group, org_c):
    group.memberships.create(organization=org_c, status=MembershipStatus.MEMBER)
    WorkingGroupFactory(name="appendix group", slug="appendix")
    WorkingGroupFactory(name="Proposal", slug="proposal", status=GroupStatus.PROPOSED)
    page = client.get("/groups/").content.decode()
    assert page.index("appendix group") < page.index("Indicators")
    assert "Proposal" not in page
    assert "2 groups" in page
    row = page[page.index("Indicators") :]
    # Agency A convenes; two member organizations, no meetings, two rooms.
    assert "<td>Agency A</td>\n    <td>2</td>\n    <td>0</td>\n    <td>2</td>" in row


def test_group_list_empty_state(client):
    assert "No working group is active yet." in client.get("/groups/").content.decode()


def test_group_list_shows_proposals_to_staff_and_their_proposer_only(
    client, member_a, org_a, staff, focal_b
):
    WorkingGroupFactory(name="Proposal", slug="proposal", status=GroupStatus.PROPOSED,
                        proposed_by=member_a)  # fmt: skip
    for person, sees in [(member_a, True), (staff, True), (focal_b, False)]:
        client.force_login(person)
        assert ("Proposal" in client.get("/groups/").content.decode()) is sees
        assert client.get("/groups/proposal/").status_code == (200 if sees else 404)
    client.logout()
    assert client.get("/groups/proposal/").status_code == 404


def test_group_list_pages_and_a_missing_page_says_so(client):
    for n in range(30):
        WorkingGroupFactory(name=f"Group {n:02}", slug=f"g{n:02}")
    second = client.get("/groups/?page=2").content.decode()
    assert "Group 25" in second and "Group 24" not in second
    assert "There is no page “9”" in client.get("/groups/?page=9").content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_group_list_queries_do_not_grow_with_groups(client, org_a, org_b):
    def make(n, start):
        for i in range(start, start + n):
            WorkingGroupFactory(name=f"Group {i:04}", slug=f"g{i:04}", conveners=[org_a, org_b])

    make(10, 0)
    client.get("/groups/?warm=1")
    few = _queries(client, "/groups/")
    make(490, 10)
    client.get("/groups/?warm=2")
    assert _queries(client, "/groups/") == few


def test_group_detail_shows_mandate_members_alphabetically_and_rooms_by_visibility(
    client, group, org_c, member_a, focal_b
):
    group.memberships.create(organization=org_c, status=MembershipStatus.MEMBER)
    OrganizationFactory(name="Agency Z")
    page = client.get("/groups/indicators/").content.decode()
    assert "<p>Agree on <strong>indicators</strong>.</p>" in page
    members = page[page.index("Member organizations</dt>") :]
    assert members.index("Agency A") < members.index("Agency C")
    assert "Open room" in page and "Closed room" not in page
    client.force_login(focal_b)  # a network member outside the group
    page = client.get("/groups/indicators/").content.decode()
    assert "Open room" in page and "Closed room" not in page
    client.force_login(member_a)  # a person of a member organization
    assert "Closed room" in client.get("/groups/indicators/").content.decode()


def test_unknown_group_is_404(client):
    assert client.get("/groups/nothing/").status_code == 404


def test_propose_page_creates_a_proposal(client, member_a, org_a):
    client.force_login(member_a)
    response = client.post("/groups/propose/", {"name": "Data quality", "mandate": "",
                                                "organization": org_a.pk})  # fmt: skip
    group = WorkingGroup.objects.get()
    assert response["Location"] == "/groups/data-quality/"
    assert group.status == GroupStatus.PROPOSED
    page = client.get("/groups/data-quality/").content.decode()
    assert "Proposed. The secretariat will look at it." in page


def test_propose_page_refuses_people_outside_the_network_and_empty_names(
    client, plain_user, member_a, org_a
):
    client.force_login(plain_user)
    assert client.get("/groups/propose/").status_code == 403
    client.force_login(member_a)
    response = client.post("/groups/propose/", {"name": "  ", "organization": org_a.pk})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert WorkingGroup.objects.count() == 0


def test_join_then_convener_accepts_on_the_page(client, group, org_c, focal_c, focal_a):
    client.force_login(focal_c)
    page = client.get("/groups/indicators/").content.decode()
    assert "Ask to join" in page
    client.post("/groups/indicators/join/", {"organization": org_c.pk, "note": "We study routes"})
    request = GroupMembership.objects.get(organization=org_c)
    assert request.status == MembershipStatus.PENDING

    client.force_login(focal_c)  # the asker cannot answer
    assert client.post(f"/groups/requests/{request.pk}/", {"decision": "accept"}).status_code == 403
    client.force_login(focal_a)
    page = client.get("/groups/indicators/").content.decode()
    assert "Agency C asked on" in page and "We study routes" in page
    client.post(f"/groups/requests/{request.pk}/", {"decision": "accept"})
    request.refresh_from_db()
    assert request.status == MembershipStatus.MEMBER
    assert (
        "Accepted: the organization is a member."
        in client.get("/groups/indicators/").content.decode()
    )


def test_join_for_an_organization_one_does_not_speak_for_is_refused(client, group, org_c,
                                                                     focal_b):  # fmt: skip
    client.force_login(focal_b)
    response = client.post("/groups/indicators/join/", {"organization": org_c.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not GroupMembership.objects.filter(organization=org_c).exists()


def test_leave_on_the_page(client, group, org_c, focal_c):
    group.memberships.create(organization=org_c, status=MembershipStatus.MEMBER)
    client.force_login(focal_c)
    assert "Leave this group" in client.get("/groups/indicators/").content.decode()
    client.post("/groups/indicators/leave/", {"organization": org_c.pk})
    assert not group.memberships.current().filter(organization=org_c).exists()


def test_staff_approve_a_proposal_on_the_page_and_others_are_refused(client, staff, focal_a):
    WorkingGroupFactory(name="Proposal", slug="proposal", status=GroupStatus.PROPOSED,
                        proposed_by=focal_a)  # fmt: skip
    client.force_login(focal_a)
    assert client.post("/groups/proposal/status/", {"action": "approve"}).status_code == 403
    client.force_login(staff)
    client.post("/groups/proposal/status/", {"action": "approve"})
    assert WorkingGroup.objects.get(slug="proposal").status == GroupStatus.ACTIVE
    client.post("/groups/proposal/status/", {"action": "nonsense"})
    assert "Approve or close the group." in client.get("/groups/proposal/").content.decode()


def test_people_of_a_new_member_organization_see_its_closed_rooms(client, group, org_c):
    person = MembershipFactory(organization=org_c).user
    client.force_login(person)
    assert client.get("/discussions/closed-room/").status_code == 404
    group.memberships.create(organization=org_c, status=MembershipStatus.MEMBER)
    assert client.get("/discussions/closed-room/").status_code == 200


def test_group_detail_lists_its_public_meetings_outputs_and_decisions_only(client, group):
    from tests.factories.decisions import DecisionFactory
    from tests.factories.events import EventPageFactory
    from tests.factories.library import PublicationFactory

    group.events.set([EventPageFactory(title="Routes meeting"),
                      EventPageFactory(title="Unpublished meeting", live=False)])  # fmt: skip
    group.publications.set([PublicationFactory(title="Routes study")])
    group.decisions.set([DecisionFactory(text="Share the routes study")])
    page = client.get("/groups/indicators/").content.decode()
    assert "Routes meeting" in page and "Unpublished meeting" not in page
    assert "Routes study" in page and "Share the routes study" in page
