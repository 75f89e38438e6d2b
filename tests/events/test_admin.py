"""Editors create events in the Wagtail admin: sessions inline, validated against the event."""

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import EventPage
from tests.factories.events import events_index


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
