"""Minutes of one session of an event: the organizer picks the session, the minutes say which
session they record, and the event's attending organizations sign them off (sessions take no
registrations of their own)."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.enums import MinutesStatus, OutputKind, SessionKind
from events.models import EventOutput
from tests.events.test_minutes import URL, world  # noqa: F401 -- the fixture
from tests.factories.events import EventPageFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _text(response):
    return " ".join(unescape(re.sub(r"<[^>]+>", "", response.content.decode())).split())


@pytest.fixture
def session(world):  # noqa: F811
    return SessionFactory(page=world["event"], title="Working group on indicators",
                          kind=SessionKind.WORKING_GROUP)  # fmt: skip


def test_organizer_drafts_minutes_of_a_session_and_they_say_so(client, world, session):  # noqa: F811
    client.force_login(world["organizer"])
    form = client.get(f"{URL}manage/minutes/new/").content.decode()
    assert "The whole event" in form and "Working group on indicators" in form
    response = client.post(
        f"{URL}manage/minutes/new/",
        {"title": "Indicators minutes", "session": session.pk, "body": "We agreed."},
        follow=True,
    )
    assert "The minutes are drafted." in _text(response)
    minutes = EventOutput.objects.get(kind=OutputKind.MINUTES)
    assert minutes.session == session
    assert "Minutes of the session “Working group on indicators”" in _text(response)


def test_session_minutes_are_signed_off_by_the_events_attending_organizations(world, session):  # noqa: F811
    minutes = services.minutes_draft(event=world["event"], by=world["organizer"],
                                     title="M", body="Text", session=session)  # fmt: skip
    minutes = services.minutes_circulate(output=minutes, by=world["organizer"], days=7)
    assert minutes.minutes_status == MinutesStatus.CIRCULATED
    assert sorted(minutes.signoffs.values_list("organization__name", flat=True)) == [
        "Agency A",
        "Agency B",
    ]


def test_a_session_of_another_event_is_refused(client, world, session):  # noqa: F811
    other = SessionFactory(page=EventPageFactory(title="Other", slug="other"))
    with pytest.raises(ValidationError) as error:
        services.minutes_draft(event=world["event"], by=world["organizer"],
                               title="M", body="Text", session=other)  # fmt: skip
    assert error.value.message_dict == {"session": ["Choose a session of this event."]}
    client.force_login(world["organizer"])
    response = client.post(
        f"{URL}manage/minutes/new/", {"title": "M", "session": other.pk, "body": "Text"}
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not EventOutput.objects.filter(kind=OutputKind.MINUTES).exists()


def test_an_event_without_sessions_offers_no_session_choice(client, world):  # noqa: F811
    client.force_login(world["organizer"])
    assert "The whole event" not in client.get(f"{URL}manage/minutes/new/").content.decode()
