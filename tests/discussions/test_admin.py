"""The Wagtail admin's create and edit views save rooms through the services (working groups:
tests/groups/test_admin.py)."""

import pytest
from wagtail.models import ModelLogEntry

from network.discussions.enums import RoomVisibility
from network.discussions.models import Room

pytestmark = pytest.mark.django_db


def _room_form(**overrides):
    data = {
        "title": "Secretariat desk",
        "slug": "secretariat-desk",
        "description": "",
        "visibility": RoomVisibility.NETWORK,
        "working_group": "",
    }
    data.update(overrides)
    return data


def _logged(instance, action, user):
    return ModelLogEntry.objects.filter(
        object_id=str(instance.pk), action=action, user=user
    ).exists()


def test_admin_room_create_records_who_opened_it(client, staff):
    client.force_login(staff)
    response = client.post("/admin/discussion_rooms/new/", _room_form())
    assert response.status_code == 302
    room = Room.objects.get(slug="secretariat-desk")
    assert room.created_by == staff
    assert _logged(room, "wagtail.create", staff)


def test_admin_room_edit_archives_and_tells_the_sockets(
    client, staff, room, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            f"/admin/discussion_rooms/edit/{room.pk}/",
            _room_form(title="Data gaps (closed)", slug=room.slug, is_archived="on"),
        )
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.title, room.is_archived) == ("Data gaps (closed)", True)
    assert _logged(room, "wagtail.edit", staff)
    assert len(callbacks) == 1  # the sockets in the room re-check access


def test_admin_room_slug_may_not_shadow_a_discussions_page(client, staff, room):
    client.force_login(staff)
    response = client.post(
        f"/admin/discussion_rooms/edit/{room.pk}/", _room_form(slug="notifications")
    )
    assert response.status_code == 200
    assert "is the address of another page; choose another slug." in response.content.decode()
    room.refresh_from_db()
    assert (room.slug, room.title) == ("data-gaps", "Data gaps")
    assert client.post("/admin/discussion_rooms/new/", _room_form(slug="new")).status_code == 200
    assert not Room.objects.filter(slug="new").exists()
