"""Working groups: managed in the admin; their conveners open and moderate the group's rooms;
a restricted group room is seen by the group only."""

import pytest

from network.discussions.enums import RoomVisibility
from network.discussions.models import Room
from tests.factories.discussions import WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(member_a, plain_user):
    # plain_user belongs to no member organization: the group alone lets them in.
    return WorkingGroupFactory(
        name="Indicators group", slug="indicators", conveners=[member_a], members=[plain_user]
    )


def test_convener_opens_a_restricted_room_only_the_group_sees(
    client, group, member_a, plain_user, focal_b
):
    client.force_login(member_a)
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
    assert member_a.has_perm("discussions.moderate_room", room)

    client.force_login(plain_user)
    assert client.get(f"/discussions/{room.slug}/").status_code == 200
    listing = client.get("/discussions/").content.decode()
    assert "Indicator definitions" in listing
    assert "Working group “Indicators group”" in listing
    assert not plain_user.has_perm("discussions.moderate_room", room)

    client.force_login(focal_b)  # a network member outside the group
    assert client.get(f"/discussions/{room.slug}/").status_code == 404
    assert "Indicator definitions" not in client.get("/discussions/").content.decode()


def test_only_conveners_and_staff_open_group_rooms(client, group, member_a, focal_b, staff):
    other = WorkingGroupFactory(name="Other group", slug="other")
    client.force_login(focal_b)  # convenes nothing
    assert client.get("/discussions/new/").status_code == 403
    assert client.post("/discussions/new/", {"title": "Mine"}).status_code == 403

    client.force_login(member_a)  # convenes one group, not the other
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


def test_working_groups_in_the_admin_for_staff_only(client, group, staff, member_a):
    client.force_login(staff)
    response = client.get("/admin/working_groups/")
    assert response.status_code == 200
    assert "Indicators group" in response.content.decode()
    assert client.get(f"/admin/working_groups/edit/{group.pk}/").status_code == 200
    client.force_login(member_a)
    assert client.get("/admin/working_groups/").status_code == 302


def test_room_list_queries_do_not_grow_with_group_rooms(
    client, django_assert_max_num_queries, group, plain_user
):
    from tests.factories.discussions import RoomFactory

    for n in range(8):
        RoomFactory(
            title=f"Group room {n}", working_group=group, visibility=RoomVisibility.RESTRICTED
        )
    client.force_login(plain_user)
    # The first page a person sees after writes computes their desk count (tests/desk counts
    # that cost); this measures the room list itself.
    client.get("/discussions/")
    with django_assert_max_num_queries(12):
        page = client.get("/discussions/").content.decode()
    assert page.count("Working group “Indicators group”") == 8
