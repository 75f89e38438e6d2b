"""Registration, cancellation, decisions, outputs and reminders: every refusal is a clear
message and leaves the database as it was; emails go out after commit, one per person."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from events import services
from events.enums import MinutesStatus, OutputKind, RegistrationMode, RegistrationStatus
from events.models import EventOutput, EventQuestion, Registration, Session
from members.enums import MembershipRole, OrganizationStatus
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.events import (
    EventOutputFactory,
    EventPageFactory,
    RegistrationFactory,
)


def member_of(organization):
    return MembershipFactory(organization=organization, role=MembershipRole.MEMBER).user


def statuses(event):
    return list(event.registrations.order_by("pk").values_list("user__email", "status"))


def refused(call, message):
    with pytest.raises(ValidationError) as error:
        call()
    assert " ".join(error.value.messages) == message


# --- Registering -----------------------------------------------------------------------------


def test_register_open_mode_confirms_then_waitlists(org_a, django_capture_on_commit_callbacks):
    event = EventPageFactory(capacity=2, title="Data workshop")
    people = [member_of(org_a) for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        made = [
            services.registration_create(event=event, user=p, organization=org_a) for p in people
        ]

    assert [r.status for r in made] == ["confirmed", "confirmed", "waitlisted"]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([people[0].email], "Registration confirmed: Data workshop"),
        ([people[1].email], "Registration confirmed: Data workshop"),
        ([people[2].email], "On the waiting list: Data workshop"),
    ]


def test_register_approval_mode_is_pending(member_a, org_a):
    event = EventPageFactory(registration_mode=RegistrationMode.APPROVAL)

    registration = services.registration_create(event=event, user=member_a, organization=org_a)

    assert registration.status == RegistrationStatus.PENDING
    assert registration.organization == org_a


def test_register_no_capacity_means_no_limit(org_a):
    event = EventPageFactory(capacity=None)
    for _ in range(3):
        services.registration_create(event=event, user=member_of(org_a), organization=org_a)

    assert set(event.registrations.values_list("status", flat=True)) == {"confirmed"}


def test_register_records_answers_by_question(member_a, org_a):
    event = EventPageFactory()
    question = EventQuestion.objects.create(page=event, label="Your research topic", required=True)

    registration = services.registration_create(
        event=event, user=member_a, organization=org_a, answers={question.key: " Begging "}
    )

    assert registration.answers == {"Your research topic": "Begging"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {
                "start": timezone.now() - timedelta(days=3),
                "end": timezone.now() - timedelta(days=2),
            },
            "This event is over: registration is closed.",
        ),
        ({"registration_enabled": False}, "This event does not take registrations on this site."),
        (
            {"registration_closes": timezone.now() - timedelta(hours=1)},
            "Registration closed on",
        ),
        (
            {"registration_opens": timezone.now() + timedelta(days=1)},
            "Registration opens on",
        ),
    ],
)
def test_register_outside_window_refused(member_a, org_a, fields, message):
    event = EventPageFactory(**fields)

    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, user=member_a, organization=org_a)

    assert " ".join(error.value.messages).startswith(message)
    assert Registration.objects.count() == 0
    assert len(mail.outbox) == 0


def test_register_window_message_in_event_time_zone(member_a, org_a):
    opens = (timezone.now() + timedelta(days=2)).replace(hour=8, minute=0, second=0)
    event = EventPageFactory(registration_opens=opens, time_zone="Europe/Oslo")
    local = timezone.localtime(opens, event.tz)

    refused(
        lambda: services.registration_create(event=event, user=member_a, organization=org_a),
        f"Registration opens on {local:%-d %B %Y at %H:%M} (Europe/Oslo).",
    )


def test_register_twice_refused(member_a, org_a):
    event = EventPageFactory()
    services.registration_create(event=event, user=member_a, organization=org_a)

    refused(
        lambda: services.registration_create(event=event, user=member_a, organization=org_a),
        "You are already registered for this event (status: Confirmed).",
    )
    assert event.registrations.count() == 1


def test_register_again_after_cancelling_allowed(member_a, org_a):
    event = EventPageFactory()
    first = services.registration_create(event=event, user=member_a, organization=org_a)
    services.registration_cancel(registration=first, by=member_a)

    again = services.registration_create(event=event, user=member_a, organization=org_a)

    assert again.status == RegistrationStatus.CONFIRMED
    assert statuses(event) == [(member_a.email, "cancelled"), (member_a.email, "confirmed")]


def test_register_after_decline_refused(member_a, org_a):
    event = EventPageFactory()
    RegistrationFactory(
        event=event, user=member_a, organization=org_a, status=RegistrationStatus.DECLINED
    )

    refused(
        lambda: services.registration_create(event=event, user=member_a, organization=org_a),
        "The organizers declined your registration for this event. Contact them if you think "
        "this is a mistake.",
    )


def spokesperson_of(organization, role=MembershipRole.FOCAL_POINT):
    return MembershipFactory(organization=organization, role=role).user


def test_register_over_quota_refused(org_a):
    # The focal point and the alternate register themselves: they need no one's approval
    # (tests/events/test_organization_quota.py), so each takes a place at once.
    event = EventPageFactory(organization_quota=2)
    for role in (MembershipRole.FOCAL_POINT, MembershipRole.ALTERNATE):
        services.registration_create(
            event=event, user=spokesperson_of(org_a, role), organization=org_a
        )
    third = member_of(org_a)

    refused(
        lambda: services.registration_create(event=event, user=third, organization=org_a),
        "Agency A already has 2 of its 2 place(s) at this event, so that every agency can "
        "attend. Ask a colleague to cancel, or the organizers to raise the quota.",
    )
    assert event.registrations.count() == 2


def test_register_quota_counts_each_organization(org_a, org_b):
    event = EventPageFactory(organization_quota=1)
    services.registration_create(event=event, user=spokesperson_of(org_a), organization=org_a)

    other = services.registration_create(
        event=event, user=spokesperson_of(org_b), organization=org_b
    )

    assert other.status == RegistrationStatus.CONFIRMED


def test_register_for_organization_not_theirs_refused(member_a, org_b):
    event = EventPageFactory()

    refused(
        lambda: services.registration_create(event=event, user=member_a, organization=org_b),
        "Choose one of the member organizations you belong to.",
    )
    assert Registration.objects.count() == 0


def test_register_for_applicant_organization_refused(db):
    applicant = OrganizationFactory(status=OrganizationStatus.APPLICANT)
    user = member_of(applicant)

    refused(
        lambda: services.registration_create(
            event=EventPageFactory(), user=user, organization=applicant
        ),
        "Choose one of the member organizations you belong to.",
    )


def test_register_required_question_unanswered_refused(member_a, org_a):
    event = EventPageFactory()
    EventQuestion.objects.create(page=event, label="Your research topic", required=True)

    refused(
        lambda: services.registration_create(
            event=event, user=member_a, organization=org_a, answers={}
        ),
        "Please answer: Your research topic.",
    )
    assert Registration.objects.count() == 0


def test_register_unpublished_event_refused(member_a, org_a):
    event = EventPageFactory(live=False)

    refused(
        lambda: services.registration_create(event=event, user=member_a, organization=org_a),
        "This event is not published.",
    )


# --- Cancelling and the waiting list ---------------------------------------------------------


def test_cancel_promotes_first_waitlisted_and_emails_them(
    org_a, django_capture_on_commit_callbacks
):
    event = EventPageFactory(capacity=1, title="Oslo meeting")
    seated, first, second = (member_of(org_a) for _ in range(3))
    seat = services.registration_create(event=event, user=seated, organization=org_a)
    services.registration_create(event=event, user=first, organization=org_a)
    services.registration_create(event=event, user=second, organization=org_a)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=seat, by=seated)

    assert statuses(event) == [
        (seated.email, "cancelled"),
        (first.email, "confirmed"),
        (second.email, "waitlisted"),
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([first.email], "A seat is free for you: Oslo meeting")
    ]


def test_cancel_in_approval_mode_promotes_nobody(org_a):
    event = EventPageFactory(capacity=1, registration_mode=RegistrationMode.APPROVAL)
    seat = RegistrationFactory(event=event, organization=org_a)
    waiting = RegistrationFactory(
        event=event, organization=org_a, status=RegistrationStatus.WAITLISTED
    )

    services.registration_cancel(registration=seat, by=seat.user)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED


def test_cancel_twice_refused(member_a, org_a):
    registration = services.registration_create(
        event=EventPageFactory(), user=member_a, organization=org_a
    )
    services.registration_cancel(registration=registration, by=member_a)

    refused(
        lambda: services.registration_cancel(registration=registration, by=member_a),
        "This registration is not active: there is nothing to cancel.",
    )


# --- Organizers' decisions -------------------------------------------------------------------


def test_decide_accept_beyond_capacity_waitlists(org_a, django_capture_on_commit_callbacks):
    event = EventPageFactory(capacity=2, registration_mode=RegistrationMode.APPROVAL)
    requests = [
        RegistrationFactory(event=event, organization=org_a, status=RegistrationStatus.PENDING)
        for _ in range(3)
    ]

    with django_capture_on_commit_callbacks(execute=True):
        counts = services.registration_decide(
            event=event, registration_ids=[r.pk for r in requests], accept=True, by=None
        )

    assert counts == {"confirmed": 2, "waitlisted": 1, "declined": 0}
    assert [s for _, s in statuses(event)] == ["confirmed", "confirmed", "waitlisted"]
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Registration confirmed",
        "Registration confirmed",
        "On the waiting list",
    ]


def test_decide_decline(org_a, focal_a):
    event = EventPageFactory(registration_mode=RegistrationMode.APPROVAL)
    pending = RegistrationFactory(
        event=event, organization=org_a, status=RegistrationStatus.PENDING
    )

    counts = services.registration_decide(
        event=event, registration_ids=[pending.pk], accept=False, by=focal_a
    )

    pending.refresh_from_db()
    assert counts == {"confirmed": 0, "waitlisted": 0, "declined": 1}
    assert pending.status == RegistrationStatus.DECLINED
    assert pending.decided_by == focal_a


def test_decide_ignores_confirmed_and_other_events(org_a):
    event = EventPageFactory()
    confirmed = RegistrationFactory(event=event, organization=org_a)
    elsewhere = RegistrationFactory(organization=org_a, status=RegistrationStatus.PENDING)

    refused(
        lambda: services.registration_decide(
            event=event, registration_ids=[confirmed.pk, elsewhere.pk], accept=False, by=None
        ),
        "Choose at least one pending or waitlisted registration.",
    )
    elsewhere.refresh_from_db()
    confirmed.refresh_from_db()
    assert (confirmed.status, elsewhere.status) == ("confirmed", "pending")


# --- Emails to participants and reminders ----------------------------------------------------


def test_email_participants_one_email_each_confirmed_only(
    org_a, focal_a, django_capture_on_commit_callbacks
):
    event = EventPageFactory(title="Oslo meeting")
    confirmed = [RegistrationFactory(event=event, organization=org_a) for _ in range(2)]
    RegistrationFactory(event=event, organization=org_a, status=RegistrationStatus.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.event_email_participants(
            event=event, subject="Room change", body="We meet in room 2.", by=focal_a
        )

    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in confirmed)
    assert {m.subject for m in mail.outbox} == {"[Oslo meeting] Room change"}
    assert "We meet in room 2." in mail.outbox[0].body


def test_reminders_once_a_day_before(org_a, django_capture_on_commit_callbacks):
    soon = EventPageFactory(title="Tomorrow's workshop", start=timezone.now() + timedelta(hours=20))
    later = EventPageFactory(start=timezone.now() + timedelta(days=3))
    due = RegistrationFactory(event=soon, organization=org_a)
    RegistrationFactory(event=soon, organization=org_a, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=later, organization=org_a)

    with django_capture_on_commit_callbacks(execute=True):
        out = StringIO()
        call_command("send_event_reminders", stdout=out)
        again = StringIO()
        call_command("send_event_reminders", stdout=again)

    assert out.getvalue().strip() == "1 reminder(s) queued."
    assert again.getvalue().strip() == "0 reminder(s) queued."
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([due.user.email], "Tomorrow: Tomorrow's workshop")
    ]
    due.refresh_from_db()
    assert due.reminded_at is not None


# --- Outputs ---------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_output_add_pdf_creates_document(focal_a):
    event = EventPageFactory()

    output = services.output_add(
        event=event,
        by=focal_a,
        kind=OutputKind.WORKING_PAPER,
        title="Workshop results",
        language="fr",
        version="1.0",
        file=upload("results.pdf", PDF),
    )

    assert output.document.title == "Workshop results"
    assert output.document.file.read() == PDF
    assert (output.language, output.version, output.minutes_status) == ("fr", "1.0", "")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.exe", b"MZ", "“notes.exe” is not accepted: upload a PDF, DOCX, ODT, XLSX file."),
        ("notes.txt", b"hello", "“notes.txt” is not accepted: upload a PDF, DOCX, ODT, XLSX file."),
        (
            "fake.pdf",
            b"<html>not a pdf</html>",
            "“fake.pdf” is not a real PDF file: its content does not match its name.",
        ),
        (
            "fake.docx",
            b"%PDF-1.4",
            "“fake.docx” is not a real DOCX file: its content does not match its name.",
        ),
        ("big.pdf", PDF + b"0" * (20 * 1024 * 1024), "“big.pdf” is 20.0 MB: the limit is 20 MB."),
    ],
)
def test_output_add_bad_file_refused(focal_a, name, content, message):
    event = EventPageFactory()

    with pytest.raises(ValidationError) as error:
        services.output_add(
            event=event, by=focal_a, kind=OutputKind.REPORT, title="R", file=upload(name, content)
        )

    assert error.value.message_dict == {"file": [message]}
    assert EventOutput.objects.count() == 0
    assert get_document_model().objects.count() == 0


def test_output_add_without_file_link_or_planned_refused(focal_a):
    refused(
        lambda: services.output_add(
            event=EventPageFactory(), by=focal_a, kind=OutputKind.REPORT, title="Report"
        ),
        "Attach a document or give a link, or mark the output as planned.",
    )


def test_minutes_go_draft_agreed_final_then_locked(focal_a):
    """Organizers move agreed minutes to final; agreement itself is the attending
    organizations' (tests/events/test_minutes.py)."""
    minutes = services.output_add(
        event=EventPageFactory(),
        by=focal_a,
        kind=OutputKind.MINUTES,
        title="Minutes of day 1",
        link="https://example.org/minutes",
    )
    assert minutes.minutes_status == MinutesStatus.DRAFT

    refused(
        lambda: services.output_transition(output=minutes, to=MinutesStatus.FINAL, by=focal_a),
        "Minutes that are draft cannot become “final”.",
    )
    refused(
        lambda: services.output_transition(output=minutes, to=MinutesStatus.AGREED, by=focal_a),
        "Minutes become agreed when the organizations that attended sign them off: circulate them.",
    )
    EventOutput.objects.filter(pk=minutes.pk).update(minutes_status=MinutesStatus.AGREED)
    final = services.output_transition(output=minutes, to=MinutesStatus.FINAL, by=focal_a)

    assert (final.minutes_status, final.status_changed_by) == ("final", focal_a)
    refused(
        lambda: services.output_update(output=minutes, by=focal_a, summary="Rewritten"),
        "These minutes are final and locked: they cannot change.",
    )
    refused(
        lambda: services.output_transition(output=minutes, to=MinutesStatus.DRAFT, by=focal_a),
        "These minutes are final and locked: they cannot change.",
    )
    minutes.refresh_from_db()
    assert (minutes.summary, minutes.minutes_status) == ("", "final")


def test_output_transition_other_kinds_refused(focal_a):
    paper = EventOutputFactory()

    refused(
        lambda: services.output_transition(output=paper, to=MinutesStatus.AGREED, by=focal_a),
        "Only minutes go through draft, agreed and final.",
    )


# --- Model validation ------------------------------------------------------------------------


def test_session_end_before_start_refused(db):
    event = EventPageFactory()
    session = Session(
        page=event, kind="plenary", title="Opening", start=event.start, end=event.start
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict == {"end": ["A session must end after it starts."]}


def test_session_outside_event_refused(db):
    event = EventPageFactory()
    session = Session(
        page=event,
        kind="plenary",
        title="Late dinner",
        start=event.end,
        end=event.end + timedelta(hours=2),
    )

    refused(
        session.full_clean,
        "The session “Late dinner” must take place within the event's start and end.",
    )


def test_event_end_before_start_refused(db):
    event = EventPageFactory()
    event.end = event.start - timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict["end"] == ["The event must end after it starts."]


def test_event_bad_time_zone_refused(db):
    event = EventPageFactory()
    event.time_zone = "Mars/Olympus"

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict["time_zone"] == [
        "“Mars/Olympus” is not a time zone name. Use an IANA name such as Europe/Rome."
    ]


def test_event_capacity_below_confirmed_refused(org_a):
    event = EventPageFactory(capacity=3)
    for _ in range(2):
        RegistrationFactory(event=event, organization=org_a)
    event.capacity = 1

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict["capacity"] == [
        "2 people are already confirmed: the capacity cannot be lower."
    ]
