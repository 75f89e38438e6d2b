"""Editors create events in the Wagtail admin: sessions inline, validated against the event."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import EventPage
from network.discussions import services as discussion_services
from network.discussions.enums import RoomVisibility
from network.discussions.models import Room
from tests.factories.events import SessionFactory, events_index


def event_form(sessions, **fields):
    data = {
        "title": "Indicators working group",
        "slug": "indicators-2031",
        "kind": "working_group",
        "start": "2031-05-12 09:00",
        "end": "2031-05-12 17:00",
        "time_zone": "Europe/Vienna",
        "venue": "",
        "city": "Vienna",
        "country": "AT",
        "online_link": "",
        "venue_details": "",
        "purpose": rich_text("<p>Agree on indicators.</p>"),
        "audience": "",
        "expected_results": rich_text(""),
        "schedule_note": "",
        "registration_enabled": "on",
        "registration_mode": "approval",
        "capacity": "20",
        "organization_quota": "",
        "registration_opens": "",
        "registration_closes": "",
        "organizers": [],
        "organizer_people": inline_formset([]),
        "questions": inline_formset([]),
        "sessions": inline_formset(sessions),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def session(title, start, end, kind="plenary"):
    return {
        "kind": kind,
        "title": title,
        "start": start,
        "end": end,
        "room": "",
        "facilitators": "",
        "description": "",
        "members": [],
    }


def add_url():
    return f"/admin/pages/add/events/eventpage/{events_index().pk}/"


def test_admin_staff_creates_event_with_two_sessions(client, staff):
    client.force_login(staff)

    response = client.post(
        add_url(),
        event_form(
            [
                session("Opening", "2031-05-12 09:00", "2031-05-12 10:00"),
                session("Indicators", "2031-05-12 10:30", "2031-05-12 12:00", "working_group"),
            ]
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="indicators-2031")
    assert event.live
    assert event.time_zone == "Europe/Vienna"
    # Typed in the event's time zone: 09:00 in Vienna (summer time) is 07:00 UTC.
    assert event.start.isoformat() == "2031-05-12T07:00:00+00:00"
    assert [(s.title, s.kind, s.local_start.strftime("%H:%M")) for s in event.sessions.all()] == [
        ("Opening", "plenary", "09:00"),
        ("Indicators", "working_group", "10:30"),
    ]


def test_admin_session_ending_before_start_refused(client, staff):
    client.force_login(staff)

    response = client.post(
        add_url(), event_form([session("Opening", "2031-05-12 10:00", "2031-05-12 09:00")])
    )

    assert response.status_code == 200
    assert "A session must end after it starts." in response.content.decode()
    assert not EventPage.objects.filter(slug="indicators-2031").exists()


def test_admin_session_outside_event_refused(client, staff):
    client.force_login(staff)

    response = client.post(
        add_url(), event_form([session("Dinner", "2031-05-12 18:00", "2031-05-12 20:00")])
    )

    assert response.status_code == 200
    assert (
        "The session “Dinner” must take place within the event&#x27;s start and end."
        in response.content.decode()
    )
    assert not EventPage.objects.filter(slug="indicators-2031").exists()


def test_admin_edit_shows_times_in_event_time_zone(client, staff):
    from tests.factories.events import EventPageFactory, SessionFactory

    event = EventPageFactory(time_zone="Europe/Oslo")
    SessionFactory(page=event)
    local = event.local_start.strftime("%Y-%m-%d %H:%M")
    client.force_login(staff)

    response = client.get(f"/admin/pages/{event.pk}/edit/")

    assert response.status_code == 200
    assert f'value="{local}"' in response.content.decode()
    assert response.content.decode().count(f'value="{local}"') == 2


def test_admin_bad_time_zone_refused(client, staff):
    client.force_login(staff)

    response = client.post(add_url(), event_form([], time_zone="Europe/Atlantis"))

    assert "“Europe/Atlantis” is not a time zone name." in response.content.decode()
    assert not Page.objects.filter(slug="indicators-2031").exists()


def test_admin_preview_of_new_event(client, staff):
    client.force_login(staff)
    preview_url = add_url() + "preview/"
    form = event_form([session("Opening", "2031-05-12 09:00", "2031-05-12 10:00")])
    form.pop("action-publish")

    posted = client.post(preview_url, form)
    shown = client.get(preview_url)

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert shown.status_code == 200
    body = shown.content.decode()
    assert "Indicators working group" in body
    assert "Opening" in body
    assert not EventPage.objects.filter(slug="indicators-2031").exists()


# --- A deleted session or event leaves no live room behind ------------------------------------


def _event_with_session_rooms(client, staff, member_a, org_a):
    """An open event made in the admin with two sessions; member_a confirmed, a room opened for
    each session and one for the event, a message in the first session's room."""
    sessions = [
        session("Opening", "2031-05-12 09:00", "2031-05-12 10:00"),
        session("Indicators", "2031-05-12 10:30", "2031-05-12 12:00"),
    ]
    client.force_login(staff)
    assert client.post(add_url(), event_form(sessions, registration_mode="open")).status_code == 302
    event = EventPage.objects.get(slug="indicators-2031")
    client.force_login(member_a)
    client.post(f"{event.url}register/", {"organization": org_a.pk})
    for item in event.sessions.all():
        assert client.post(f"{event.url}sessions/{item.pk}/discussion/").status_code == 302
    assert client.post(f"{event.url}discussion/").status_code == 302
    opening, indicators = event.sessions.all()
    room = Room.objects.get(title="Indicators working group: Opening")
    discussion_services.message_post(
        room=room, author=member_a, body="SESSION-ROOM-CANARY", topic_title="Tools"
    )
    return event, opening, indicators, sessions


def test_admin_session_removed_archives_its_room_for_the_same_people(
    client, staff, member_a, org_a, focal_b
):
    event, opening, indicators, sessions = _event_with_session_rooms(client, staff, member_a, org_a)
    room = Room.objects.get(object_id=opening.pk, title="Indicators working group: Opening")
    sessions[0].update(id=str(opening.pk), DELETE="1")
    sessions[1].update(id=str(indicators.pk))
    client.force_login(staff)

    form = event_form([], registration_mode="open")
    form.update(nested_form_data({"sessions": inline_formset(sessions, initial=2)}))

    response = client.post(f"/admin/pages/{event.pk}/edit/", form)

    assert response.status_code == 302
    assert [s.title for s in event.sessions.all()] == ["Indicators"]
    room.refresh_from_db()
    assert (room.is_archived, room.content_type_id, room.object_id) == (True, None, None)
    assert room.visibility == RoomVisibility.RESTRICTED
    assert list(room.members.values_list("user_id", flat=True)) == [member_a.pk]
    # Still read by those who read it, by nobody else, and closed to new messages.
    client.force_login(member_a)
    topic = room.topics.get()
    assert "SESSION-ROOM-CANARY" in client.get(topic.get_absolute_url()).content.decode()
    client.force_login(focal_b)
    assert client.get(f"/discussions/{room.slug}/").status_code == 404
    assert client.get(topic.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError) as refused:
        discussion_services.message_post(room=room, author=member_a, body="Late", topic=topic)
    assert refused.value.code == "archived"
    # The other session and the event keep their open rooms.
    assert sorted(Room.objects.filter(is_archived=False).values_list("title", flat=True)) == [
        "Event: Indicators working group",
        "Indicators working group: Indicators",
    ]


def test_admin_session_restored_with_its_old_id_opens_a_new_room(client, staff, member_a, org_a):
    event, opening, *_ = _event_with_session_rooms(client, staff, member_a, org_a)
    old_room = Room.objects.get(title="Indicators working group: Opening")
    opening_pk, start, end = opening.pk, opening.start, opening.end
    opening.delete()
    # A page revision published again brings the session back under its old id.
    restored = SessionFactory(pk=opening_pk, page=event, title="Opening", start=start, end=end)
    client.force_login(member_a)

    response = client.post(f"{event.url}sessions/{restored.pk}/discussion/")

    new_room = Room.objects.get(object_id=restored.pk)
    assert response["Location"] == f"/discussions/{new_room.slug}/"
    assert new_room.pk != old_room.pk and not new_room.is_archived
    assert not new_room.topics.exists()


def test_admin_event_deleted_archives_its_rooms(client, staff, member_a, org_a, focal_b):
    event, *_ = _event_with_session_rooms(client, staff, member_a, org_a)
    client.force_login(staff)

    response = client.post(f"/admin/pages/{event.pk}/delete/")

    assert response.status_code == 302
    assert not EventPage.objects.filter(pk=event.pk).exists()
    rooms = Room.objects.order_by("title")
    assert [(r.title, r.is_archived, r.content_type_id) for r in rooms] == [
        ("Event: Indicators working group", True, None),
        ("Indicators working group: Indicators", True, None),
        ("Indicators working group: Opening", True, None),
    ]
    assert all(list(r.members.values_list("user_id", flat=True)) == [member_a.pk] for r in rooms)
    client.force_login(focal_b)
    assert all(client.get(r.get_absolute_url()).status_code == 404 for r in rooms)


def test_session_without_a_room_deleted(db):
    SessionFactory().delete()
    assert Room.objects.count() == 0
