"""Working groups' rooms: the spokespeople of the convening organizations open and moderate
them; a restricted group room is seen by the people of the group's member organizations only
(network.groups answers through discussions.group_access)."""

import pytest

from network.discussions.enums import RoomVisibility
from network.discussions.models import Room
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.groups import WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org_a):
    return WorkingGroupFactory(name="Indicators group", slug="indicators", conveners=[org_a])


@pytest.fixture
def participant(group):
    """A plain member of an organization that takes part in the group (and convenes nothing)."""
    organization = OrganizationFactory(name="Agency C", slug="agency-c")
    group.memberships.create(organization=organization, status="member")
    return MembershipFactory(organization=organization).user


def test_convener_opens_a_restricted_room_only_the_group_sees(
    client, group, focal_a, participant, member_a, focal_b
):
    client.force_login(focal_a)
    form = client.get("/discussions/new/?group=indicators").content.decode()
    assert f'<option value="{group.pk}" selected>Indicators group</option>' in form
    response = client.post(
        "/discussions/new/",
        {
            "title": "Indicator definitions",
            "working_group": group.pk,
            "visibility": RoomVisibility.RESTRICTED,
        },
    )
    room = Room.objects.get()
    assert response["Location"] == f"/discussions/{room.slug}/"
    assert (room.working_group, room.visibility) == (group, RoomVisibility.RESTRICTED)
    assert focal_a.has_perm("discussions.moderate_room", room)
    # A plain member of the convening organization takes part, but does not moderate.
    assert member_a.has_perm("discussions.view_room", room)
    assert not member_a.has_perm("discussions.moderate_room", room)

    client.force_login(participant)
    assert client.get(f"/discussions/{room.slug}/").status_code == 200
    listing = client.get("/discussions/").content.decode()
    assert "Indicator definitions" in listing
    assert "Working group “Indicators group”" in listing
    assert not participant.has_perm("discussions.moderate_room", room)

    client.force_login(focal_b)  # a network member outside the group
    assert client.get(f"/discussions/{room.slug}/").status_code == 404
    assert "Indicator definitions" not in client.get("/discussions/").content.decode()


def test_only_conveners_and_staff_open_group_rooms(
    client, group, focal_a, member_a, focal_b, staff
):
    other = WorkingGroupFactory(name="Other group", slug="other")
    for outsider in (focal_b, member_a):  # convenes nothing; is no spokesperson
        client.force_login(outsider)
        assert client.get("/discussions/new/").status_code == 403
        assert client.post("/discussions/new/", {"title": "Mine"}).status_code == 403

    client.force_login(focal_a)  # convenes one group, not the other
    response = client.post(
        "/discussions/new/",
        {"title": "Sneaky", "working_group": other.pk, "visibility": RoomVisibility.NETWORK},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Room.objects.count() == 0

    client.force_login(staff)  # staff open a room for any group, or none
    client.post(
        "/discussions/new/",
        {"title": "Secretariat", "working_group": other.pk, "visibility": RoomVisibility.NETWORK},
    )
    assert Room.objects.get().working_group == other


def test_room_list_queries_do_not_grow_with_group_rooms(
    client, django_assert_max_num_queries, group, participant
):
    from tests.factories.discussions import RoomFactory

    for n in range(8):
        RoomFactory(
            title=f"Group room {n}", working_group=group, visibility=RoomVisibility.RESTRICTED
        )
    client.force_login(participant)
    # The first page a person sees after writes computes their desk count (tests/desk counts
    # that cost); this measures the room list itself.
    client.get("/discussions/")
    with django_assert_max_num_queries(12):
        page = client.get("/discussions/").content.decode()
    assert page.count("Working group “Indicators group”") == 8
