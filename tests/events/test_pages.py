"""The events list and an event page as people see them, the organizers' pages and who may
open them, registration through the page, and constant query counts."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.enums import (
    EventKind,
    MinutesStatus,
    OutputKind,
    RegistrationMode,
    RegistrationStatus,
    SessionKind,
)
from events.models import EventOrganizer, EventOutput, EventQuestion, Registration
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.events import (
    EventOutputFactory,
    EventPageFactory,
    RegistrationFactory,
    SessionFactory,
)

ROME = ZoneInfo("Europe/Rome")


def text(response):
    return response.content.decode()


def shows(response, value):
    """The value is in what a person reads: tags stripped, whitespace collapsed."""
    plain = unescape(re.sub(r"<[^>]+>", "", text(response)))
    return value in " ".join(plain.split())


def titles(response):
    return re.findall(r'<h3><a href="/events/[\w-]+/">([^<]+)</a></h3>', text(response))


@pytest.fixture
def event(org_a):
    return EventPageFactory(
        title="Data workshop",
        slug="data-workshop",
        organizers=[org_a],
        online_link="https://meet.example.org/secret-room",
        venue_details="Room 4, second floor",
    )


# --- The event page --------------------------------------------------------------------------


def test_event_page_timetable_grouped_by_day_in_event_time_zone(client, db):
    event = EventPageFactory(
        slug="two-days",
        start=datetime(2031, 9, 22, 9, 0, tzinfo=ROME),
        end=datetime(2031, 9, 23, 17, 0, tzinfo=ROME),
    )
    # 23:30 UTC on the 22nd is 01:30 on the 23rd in Rome.
    SessionFactory(
        page=event,
        title="Working group on indicators",
        kind=SessionKind.WORKING_GROUP,
        start=datetime(2031, 9, 22, 23, 30, tzinfo=ZoneInfo("UTC")),
        end=datetime(2031, 9, 23, 0, 30, tzinfo=ZoneInfo("UTC")),
        room="Sala B",
        facilitators="IOM and UNICEF",
    )
    SessionFactory(
        page=event,
        title="Opening plenary",
        start=datetime(2031, 9, 22, 9, 30, tzinfo=ROME),
        end=datetime(2031, 9, 22, 11, 0, tzinfo=ROME),
    )

    response = client.get("/events/two-days/")

    assert response.status_code == 200
    body = text(response)
    days = re.findall(r"<h3>([^<]+)</h3>", body)
    assert days == ["Monday 22 September 2031", "Tuesday 23 September 2031"]
    assert body.index("Opening plenary") < body.index("Tuesday 23 September")
    assert body.index("Tuesday 23 September") < body.index("Working group on indicators")
    assert "<td>01:30\u201302:30</td>" in body
    assert shows(response, "Facilitated by IOM and UNICEF")
    assert "(Europe/Rome time)" in body


def test_event_page_online_details_hidden_from_non_confirmed(client, event, member_a, org_a):
    RegistrationFactory(
        event=event, user=member_a, organization=org_a, status=RegistrationStatus.WAITLISTED
    )
    for user in (None, member_a):
        if user:
            client.force_login(user)
        response = client.get("/events/data-workshop/")
        assert "secret-room" not in text(response)
        assert "Room 4, second floor" not in text(response)
        assert shows(
            response, "The online link and venue details are shown to confirmed participants."
        )


def test_event_page_online_details_shown_to_confirmed(client, event, member_a, org_a):
    RegistrationFactory(event=event, user=member_a, organization=org_a)
    client.force_login(member_a)

    response = client.get("/events/data-workshop/")

    assert shows(response, "https://meet.example.org/secret-room")
    assert shows(response, "Room 4, second floor")
    assert shows(response, "Your registration: Confirmed (representing Agency A).")


def test_event_page_participants_only_when_event_allows(client, event, member_a, org_a):
    other = RegistrationFactory(event=event, organization=org_a)
    RegistrationFactory(event=event, user=member_a, organization=org_a)
    client.force_login(member_a)

    assert other.user.name not in text(client.get("/events/data-workshop/"))

    event.show_participants = True
    event.save()
    response = client.get("/events/data-workshop/")
    assert f"<td>{other.user.name}</td><td>Agency A</td>" in text(response)


def test_event_page_planned_output_says_so(client, event):
    EventOutputFactory(event=event, title="Model questionnaire", link="", planned=True)

    response = client.get("/events/data-workshop/")

    assert shows(response, "Model questionnaire")
    assert shows(response, "Planned — not available yet")


# --- Registering through the page ------------------------------------------------------------


def test_register_through_page_confirms(client, event, member_a, org_a):
    client.force_login(member_a)

    response = client.post("/events/data-workshop/register/", {"organization": org_a.pk})

    assert response.status_code == 302
    assert response["Location"] == "/events/data-workshop/"
    registration = Registration.objects.get()
    assert (registration.user, registration.organization, registration.status) == (
        member_a,
        org_a,
        "confirmed",
    )
    page = client.get("/events/data-workshop/")
    assert shows(page, "You are registered: your place is confirmed.")


def _organization_options(page):
    """The options of the registration form's organization choice (the header's language
    switcher has options of its own)."""
    select = re.search(r'<select name="organization".*?</select>', page, re.S).group(0)
    return re.findall(r"<option[^>]*>[^<]*</option>", select)


def test_register_form_preselects_a_single_organization(client, event, member_a, org_a, org_b):
    client.force_login(member_a)

    options = _organization_options(text(client.get("/events/data-workshop/")))

    assert options == [f'<option value="{org_a.pk}" selected>Agency A</option>']

    MembershipFactory(user=member_a, organization=org_b)
    options = _organization_options(text(client.get("/events/data-workshop/")))

    assert [re.sub(r"<[^>]+>", "", option) for option in options] == [
        "---------",
        "Agency A",
        "Agency B",
    ]


def test_register_page_twice_shows_message_nothing_changed(client, event, member_a, org_a):
    client.force_login(member_a)
    client.post("/events/data-workshop/register/", {"organization": org_a.pk})

    response = client.post(
        "/events/data-workshop/register/", {"organization": org_a.pk}, follow=True
    )

    assert response.status_code == 200
    assert Registration.objects.count() == 1
    assert shows(response, "You are already registered for this event (status: Confirmed).")
    assert Registration.objects.get().status == "confirmed"


def test_register_page_other_org_refused(client, event, member_a, org_b):
    client.force_login(member_a)

    response = client.post("/events/data-workshop/register/", {"organization": org_b.pk})

    assert response.status_code == 400
    assert shows(
        response, "Select a valid choice. That choice is not one of the available choices."
    )
    assert Registration.objects.count() == 0


def test_register_page_anonymous_sent_to_sign_in(client, event):
    response = client.post("/events/data-workshop/register/", {"organization": 1})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/events/data-workshop/")
    assert Registration.objects.count() == 0


def test_register_page_without_membership_refused(client, event, plain_user):
    client.force_login(plain_user)

    response = client.post("/events/data-workshop/register/", {"organization": 1}, follow=True)

    assert shows(response, "Only people who belong to a member organization can register.")
    assert Registration.objects.count() == 0


def test_cancel_through_page(client, event, member_a, org_a):
    RegistrationFactory(event=event, user=member_a, organization=org_a)
    client.force_login(member_a)

    response = client.post("/events/data-workshop/cancel/", follow=True)

    assert shows(response, "Your registration is cancelled.")
    assert Registration.objects.get().status == "cancelled"


# --- Organizers' pages: who may open them ----------------------------------------------------

MANAGE_PATHS = [
    "/events/data-workshop/manage/",
    "/events/data-workshop/manage/export/",
    "/events/data-workshop/manage/email/",
    "/events/data-workshop/manage/outputs/",
]


@pytest.mark.parametrize("path", MANAGE_PATHS)
def test_manage_anonymous_sent_to_sign_in(client, event, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", MANAGE_PATHS)
@pytest.mark.parametrize("who", ["participant", "other_member", "focal_b", "member_a"])
def test_manage_refused_to_non_organizers(client, event, org_a, focal_b, member_a, path, who):
    user = {
        "participant": RegistrationFactory(event=event, organization=org_a).user,
        "other_member": MembershipFactory(organization=OrganizationFactory()).user,
        "focal_b": focal_b,
        # A plain member of the organizing organization, without the organizer role.
        "member_a": member_a,
    }[who]
    client.force_login(user)

    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", MANAGE_PATHS)
@pytest.mark.parametrize("who", ["focal_a", "alternate_a", "given_role", "staff"])
def test_manage_open_to_organizers(client, event, focal_a, alternate_a, member_a, staff, path, who):
    if who == "given_role":
        EventOrganizer.objects.create(page=event, user=member_a)
    user = {"focal_a": focal_a, "alternate_a": alternate_a, "given_role": member_a, "staff": staff}[
        who
    ]
    client.force_login(user)

    assert client.get(path).status_code == 200


def test_manage_post_refused_changes_nothing(client, event, member_a, org_a):
    pending = RegistrationFactory(
        event=event, organization=org_a, status=RegistrationStatus.PENDING
    )
    client.force_login(member_a)

    decide = client.post(
        "/events/data-workshop/manage/", {"registrations": [pending.pk], "decision": "accept"}
    )
    email = client.post("/events/data-workshop/manage/email/", {"subject": "Hi", "body": "Spam"})
    output = client.post(
        "/events/data-workshop/manage/outputs/",
        {"kind": "report", "title": "Fake", "language": "en", "planned": "on"},
    )

    assert (decide.status_code, email.status_code, output.status_code) == (403, 403, 403)
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert EventOutput.objects.count() == 0
    assert mail.outbox == []


def test_manage_lists_by_organization_and_bulk_accepts(client, event, focal_a, org_a, org_b):
    event.capacity = 1
    event.registration_mode = RegistrationMode.APPROVAL
    event.save()
    first = RegistrationFactory(event=event, organization=org_b, status="pending")
    second = RegistrationFactory(event=event, organization=org_a, status="pending")
    client.force_login(focal_a)

    page = client.get("/events/data-workshop/manage/")
    assert text(page).index("Agency A") < text(page).index("Agency B")

    response = client.post(
        "/events/data-workshop/manage/",
        {"registrations": [first.pk, second.pk], "decision": "accept"},
        follow=True,
    )

    assert shows(response, "1 confirmed.")
    assert shows(
        response,
        "The event is full: 1 put on the waiting list instead. Raise the capacity to confirm them.",
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("confirmed", "waitlisted")


def test_manage_csv_export(client, event, focal_a, org_a):
    registration = RegistrationFactory(
        event=event, organization=org_a, answers={"Topic": "=HYPERLINK(1)"}
    )
    EventQuestion.objects.create(page=event, label="Topic")
    client.force_login(focal_a)

    response = client.get("/events/data-workshop/manage/export/")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="data-workshop-participants.csv"'
    )
    lines = text(response).splitlines()
    assert lines[0] == "Name,Email,Organization,Country,Status,Registered at,Topic"
    assert lines[1] == (
        f"{registration.user.name},{registration.user.email},Agency A,IT,Confirmed,"
        f"{registration.created_at.isoformat(timespec='seconds')},'=HYPERLINK(1)"
    )


def test_manage_email_sends_to_confirmed(
    client, event, focal_a, org_a, django_capture_on_commit_callbacks
):
    confirmed = RegistrationFactory(event=event, organization=org_a)
    RegistrationFactory(event=event, organization=org_a, status="pending")
    client.force_login(focal_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/events/data-workshop/manage/email/",
            {"subject": "Agenda", "body": "The agenda is online."},
            follow=True,
        )

    assert shows(response, "Your message is on its way to 1 participant(s).")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([confirmed.user.email], "[Data workshop] Agenda")
    ]


def test_manage_outputs_upload_and_minutes_flow(client, event, focal_a):
    client.force_login(focal_a)

    response = client.post(
        "/events/data-workshop/manage/outputs/",
        {
            "kind": OutputKind.MINUTES,
            "title": "Minutes",
            "language": "en",
            "version": "1",
            "file": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes"),
        },
    )
    assert response.status_code == 302
    minutes = EventOutput.objects.get()
    assert minutes.minutes_status == MinutesStatus.DRAFT
    status_url = f"/events/data-workshop/manage/outputs/{minutes.pk}/status/"

    # Agreement is the attending organizations', never the organizers' say alone.
    refused = client.post(status_url, {"to": "agreed"}, follow=True)
    minutes.refresh_from_db()
    assert minutes.minutes_status == MinutesStatus.DRAFT
    assert shows(
        refused,
        "Minutes become agreed when the organizations that attended sign them off: circulate them.",
    )
    EventOutput.objects.filter(pk=minutes.pk).update(minutes_status=MinutesStatus.AGREED)
    client.post(status_url, {"to": "final"})
    refused = client.post(status_url, {"to": "draft"}, follow=True)

    minutes.refresh_from_db()
    assert minutes.minutes_status == MinutesStatus.FINAL
    assert shows(refused, "These minutes are final and locked: they cannot change.")


def test_manage_outputs_wrong_type_message(client, event, focal_a):
    client.force_login(focal_a)

    response = client.post(
        "/events/data-workshop/manage/outputs/",
        {
            "kind": OutputKind.REPORT,
            "title": "Report",
            "language": "en",
            "file": SimpleUploadedFile("report.pdf", b"GIF89a"),
        },
    )

    assert response.status_code == 400
    assert shows(
        response, "“report.pdf” is not a real PDF file: its content does not match its name."
    )
    assert EventOutput.objects.count() == 0


# --- The list --------------------------------------------------------------------------------


def test_index_upcoming_and_past_listed_separately(client, org_a, org_b):
    now = timezone.now()
    EventPageFactory(title="Later", start=now + timedelta(days=20), organizers=[org_a])
    EventPageFactory(title="Sooner", start=now + timedelta(days=5), kind=EventKind.WEBINAR)
    EventPageFactory(
        title="Long ago",
        start=now - timedelta(days=400),
        end=now - timedelta(days=399),
        country="NO",
        organizers=[org_b],
    )
    EventPageFactory(title="Draft", live=False)

    response = client.get("/events/")

    body = text(response)
    upcoming, past = body.split("<h2>Past events</h2>")
    assert titles_in(upcoming) == ["Sooner", "Later"]
    assert titles_in(past) == ["Long ago"]
    assert titles(client.get("/events/?kind=webinar")) == ["Sooner"]
    assert titles(client.get("/events/?country=NO")) == ["Long ago"]
    assert titles(client.get("/events/?organization=agency-a")) == ["Later"]
    assert shows(
        client.get("/events/?kind=webinar&country=NO"), "No upcoming event matches these filters."
    )


def titles_in(html):
    return re.findall(r'<h3><a href="/events/[\w-]+/">([^<]+)</a></h3>', html)


def test_index_bad_filter_message(client, db):
    EventPageFactory(title="Sooner")

    response = client.get("/events/?kind=bogus&organization=nobody")

    assert response.status_code == 200
    assert shows(response, "Some filters were not understood and were ignored:")
    # The message names each filter it ignored, with its reason.
    assert shows(response, "Kind: Select a valid choice.")
    assert shows(response, "Organized by: Nothing here is called “nobody”.")
    assert titles(response) == ["Sooner"]


def test_index_paginates_upcoming(client, db):
    now = timezone.now()
    for n in range(14):
        EventPageFactory(title=f"Event {n:02}", start=now + timedelta(days=n + 1))

    first = client.get("/events/")
    second = client.get("/events/?page=2")

    assert len(titles(first)) == 12
    assert titles(second) == ["Event 12", "Event 13"]
    assert shows(second, "Page 2 of 2")


# --- Query counts ----------------------------------------------------------------------------


def count_queries(client, path):
    client.get(path)  # Warm the per-process caches (site root paths, content types).
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def fill(event, n, org):
    for i in range(n):
        SessionFactory(
            page=event,
            start=event.start + timedelta(minutes=i),
            end=event.start + timedelta(minutes=i + 1),
        )
        RegistrationFactory(event=event, organization=org)


def test_event_page_queries_constant(client, org_a, focal_a):
    event = EventPageFactory(slug="few", show_participants=True, capacity=None, organizers=[org_a])
    fill(event, 3, org_a)
    client.force_login(focal_a)
    few = count_queries(client, "/events/few/")
    manage_few = count_queries(client, "/events/few/manage/")

    fill(event, 297, org_a)
    many = count_queries(client, "/events/few/")
    manage_many = count_queries(client, "/events/few/manage/")

    assert few == many
    assert manage_few == manage_many


def test_event_list_queries_constant(client, org_a):
    for _ in range(3):
        EventPageFactory(organizers=[org_a])
    few = count_queries(client, "/events/")

    for _ in range(30):
        EventPageFactory(organizers=[org_a])
    many = count_queries(client, "/events/")

    assert few == many
