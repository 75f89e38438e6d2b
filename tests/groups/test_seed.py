"""The seeded working group says only what the sources say."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from network.groups import services
from network.groups.enums import GroupStatus
from network.groups.models import WorkingGroup
from network.platform import sources

pytestmark = pytest.mark.django_db


def test_cbss_expert_group_is_seeded_with_its_source_and_nothing_invented(client):
    call_command("load_network_data", stdout=StringIO())
    call_command("load_network_data", stdout=StringIO())  # idempotent
    group = WorkingGroup.objects.get()
    # The sources give no status: the group says so rather than claim it is active.
    assert group.status == GroupStatus.UNSTATED
    assert group.name == "CBSS Expert Group on Children at Risk"
    assert group.source_document == sources.CBSS_PROJECT
    assert "financed by the The Norwegian Ministry" in group.source_quote
    assert (group.conveners.count(), group.memberships.count(), group.events.count()) == (0, 0, 0)
    page = client.get(group.get_absolute_url()).content.decode()
    assert page.count("Not stated in the sources.") == 3  # mandate, conveners, members
    assert "Seed document 002_7ba33534f483e0b9.txt" in page
    assert "Status not stated in the sources" in page


def test_cbss_group_is_listed_with_its_status_not_stated(client):
    call_command("load_network_data", stdout=StringIO())
    page = client.get("/groups/").content.decode()
    row = page[page.index("CBSS Expert Group on Children at Risk") :]
    assert row.index("Status not stated in the sources") < row.index("</tr>")
    assert "1 group" in page
    api = client.get("/api/v1/groups").json()
    assert [(g["slug"], g["status"]) for g in api["results"]] == [
        ("cbss-expert-group-children-at-risk", "unstated")
    ]


def test_a_group_whose_status_is_not_stated_takes_no_join_requests(client, focal_b):
    call_command("load_network_data", stdout=StringIO())
    group = WorkingGroup.objects.get()
    client.force_login(focal_b)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Ask to join" not in page
    assert "it takes new members once the secretariat confirms it is active" in page
    organization = focal_b.memberships.get().organization_id
    response = client.post(
        f"{group.get_absolute_url()}join/", {"organization": organization}, follow=True
    )
    assert "This group does not take new members." in response.content.decode()
    assert not group.memberships.exists()


def test_staff_confirm_a_not_stated_group_active_and_others_are_refused(client, staff, focal_b):
    call_command("load_network_data", stdout=StringIO())
    group = WorkingGroup.objects.get()
    url = f"{group.get_absolute_url()}status/"
    client.force_login(focal_b)
    assert client.post(url, {"action": "approve"}).status_code == 403
    group.refresh_from_db()
    assert group.status == GroupStatus.UNSTATED
    client.force_login(staff)
    assert "Confirm it is active" in client.get(group.get_absolute_url()).content.decode()
    page = client.post(url, {"action": "approve"}, follow=True).content.decode()
    assert "The group is active." in page
    group.refresh_from_db()
    assert (group.status, group.decided_by) == (GroupStatus.ACTIVE, staff)


def test_staff_may_close_a_not_stated_group_and_it_stays_closed(staff):
    call_command("load_network_data", stdout=StringIO())
    group = services.group_close(group=WorkingGroup.objects.get(), by=staff)
    assert group.status == GroupStatus.CLOSED
    with pytest.raises(ValidationError, match="cannot become"):
        services.group_approve(group=group, by=staff)
