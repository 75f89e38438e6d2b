"""The calendar files parse with icalendar and carry the right start, end, time zone,
location and link back; private details only reach confirmed participants."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.enums import RegistrationStatus
from tests.factories.events import EventPageFactory, RegistrationFactory

OSLO = ZoneInfo("Europe/Oslo")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def oslo(db):
    return EventPageFactory(
        title="Children on the move",
        slug="children-on-the-move",
        start=datetime(2031, 6, 20, 9, 0, tzinfo=OSLO),
        end=datetime(2031, 6, 21, 17, 0, tzinfo=OSLO),
        time_zone="Europe/Oslo",
        venue="Government quarter",
        city="Oslo",
        country="NO",
        online_link="https://meet.example.org/private",
    )


def test_event_calendar_start_end_time_zone_location_url(client, oslo):
    response = client.get("/events/children-on-the-move/calendar.ics")

    calendar = parse(response)
    [event] = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Children on the move"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime(2031, 6, 20, 9, 0, tzinfo=OSLO)
    assert end == datetime(2031, 6, 21, 17, 0, tzinfo=OSLO)
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert event["LOCATION"] == "Government quarter, Oslo, Norway"
    assert event["URL"] == "http://localhost/events/children-on-the-move/"
    assert event["UID"] == f"event-{oslo.pk}@testserver"
    assert "private" not in response.content.decode()
    assert response["Content-Disposition"] == 'attachment; filename="children-on-the-move.ics"'


def test_event_calendar_uid_stable_across_edits(client, oslo):
    first = parse(client.get("/events/children-on-the-move/calendar.ics"))
    oslo.title = "Renamed"
    oslo.save()
    second = parse(client.get("/events/children-on-the-move/calendar.ics"))

    assert first.walk("VEVENT")[0]["UID"] == second.walk("VEVENT")[0]["UID"]


def test_event_calendar_online_link_for_confirmed_participant(client, oslo, member_a, org_a):
    RegistrationFactory(event=oslo, user=member_a, organization=org_a)
    client.force_login(member_a)

    [event] = parse(client.get("/events/children-on-the-move/calendar.ics")).walk("VEVENT")

    assert "Online: https://meet.example.org/private" in str(event["DESCRIPTION"])


def test_event_calendar_no_online_link_for_waitlisted(client, oslo, member_a, org_a):
    RegistrationFactory(
        event=oslo, user=member_a, organization=org_a, status=RegistrationStatus.WAITLISTED
    )
    client.force_login(member_a)

    response = client.get("/events/children-on-the-move/calendar.ics")

    assert "meet.example.org" not in response.content.decode()


def test_index_calendar_lists_upcoming_public_events_only(client, oslo):
    now = timezone.now()
    EventPageFactory(title="Past", start=now - timedelta(days=9), end=now - timedelta(days=8))
    EventPageFactory(title="Draft", live=False)
    webinar = EventPageFactory(
        title="Webinar", time_zone="America/New_York", online=True, venue="", city="", country=""
    )

    calendar = parse(client.get("/events/calendar.ics"))

    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["Children on the move", "Webinar"]
    assert events["Webinar"]["LOCATION"] == "Online"
    assert events["Webinar"]["DTSTART"].params["TZID"] == "America/New_York"
    assert events["Webinar"].decoded("DTSTART") == webinar.start
    assert sorted(tz["TZID"] for tz in calendar.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Oslo",
    ]


def test_calendar_of_draft_event_not_found(client, db):
    EventPageFactory(slug="secret", live=False)

    assert client.get("/events/secret/calendar.ics").status_code == 404
    assert client.get("/events/nothing-here/calendar.ics").status_code == 404
