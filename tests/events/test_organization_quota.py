"""Issue 16: on an event with a per-organization quota, a registration goes first to the
organization's focal point or alternate, who approves or declines it from the desk or the
organization's page, with the places used shown; events without a quota are unchanged."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import services
from events.enums import RegistrationMode, RegistrationStatus
from events.models import EventOrganizer, Registration
from members.enums import MembershipRole
from network.desk.selectors import desk_count
from tests.factories import MembershipFactory, UserFactory
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db

AWAITING = RegistrationStatus.AWAITING_ORGANIZATION


def member_of(organization, **user):
    return MembershipFactory(
        organization=organization,
        role=MembershipRole.MEMBER,
        **{f"user__{k}": v for k, v in user.items()},
    ).user


def quota_event(quota=2, **kwargs):
    kwargs.setdefault("title", "Expert workshop on data")
    return EventPageFactory(organization_quota=quota, **kwargs)


def register(event, user, organization):
    return services.registration_create(event=event, user=user, organization=organization)


def page_url(event, organization):
    return event.url + f"organizations/{organization.slug}/registrations/"


def refused(call, message):
    with pytest.raises(ValidationError) as error:
        call()
    assert " ".join(error.value.messages) == message


# --- The services ----------------------------------------------------------------------------


def test_register_quota_event_awaits_organization_and_asks_its_spokespeople(
    org_a, focal_a, alternate_a, django_capture_on_commit_callbacks
):
    event = quota_event()
    person = member_of(org_a, display_name="Ana Researcher")

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, person, org_a)

    assert registration.status == AWAITING
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [
            (person.email, "Registration received: Expert workshop on data"),
            (focal_a.email, "A registration awaits your approval: Expert workshop on data"),
            (alternate_a.email, "A registration awaits your approval: Expert workshop on data"),
        ]
    )
    asked = next(m for m in mail.outbox if m.to == [focal_a.email])
    assert "Ana Researcher registered" in asked.body
    assert "Agency A uses 0 of its 2 places at this event." in asked.body
    assert page_url(event, org_a) in asked.body


def test_spokespeople_emails_follow_language_and_digest_preference(
    org_a, focal_a, alternate_a, django_capture_on_commit_callbacks
):
    from network.digests.tasks import send_digests
    from network.platform.models import EmailFrequency, EmailPreference

    EmailPreference.objects.create(address=focal_a.email.lower(), frequency=EmailFrequency.DAILY)
    alternate_a.interface_language = "fr"
    alternate_a.save()
    event = quota_event()
    person = member_of(org_a, display_name="Ana Researcher")

    with django_capture_on_commit_callbacks(execute=True):
        register(event, person, org_a)

    # The alternate is told at once, in French; the focal point reads it in their digest.
    asked = [m for m in mail.outbox if m.to != [person.email]]
    assert [(m.to, m.subject) for m in asked] == [
        (
            [alternate_a.email],
            "Une inscription attend votre approbation : Expert workshop on data",
        )
    ]
    assert "Ana Researcher s'est inscrit·e" in asked[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(frequency=EmailFrequency.DAILY, period=timedelta(days=1))
    assert [m.to for m in mail.outbox] == [[focal_a.email]]
    assert "Ana Researcher, for Expert workshop on data" in mail.outbox[0].body


def test_register_without_quota_keeps_the_event_flow(org_a, focal_a):
    open_event = EventPageFactory(capacity=1)
    approval = EventPageFactory(registration_mode=RegistrationMode.APPROVAL)
    people = [member_of(org_a) for _ in range(2)]

    assert [register(open_event, p, org_a).status for p in people] == ["confirmed", "waitlisted"]
    assert register(approval, people[0], org_a).status == "pending"
    assert not Registration.objects.filter(status=AWAITING).exists()


def test_focal_point_registering_themself_skips_the_step(org_a, focal_a):
    event = quota_event()

    registration = register(event, focal_a, org_a)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organization_decided_by == focal_a


def test_approve_open_event_confirms_and_tells_the_person(
    org_a, alternate_a, django_capture_on_commit_callbacks
):
    event = quota_event()
    person = member_of(org_a)
    registration = register(event, person, org_a)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done = services.registration_organization_decide(
            registration=registration, approve=True, by=alternate_a
        )

    assert done.status == RegistrationStatus.CONFIRMED
    assert (done.organization_decided_by, done.decided_by) == (alternate_a, None)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            [person.email],
            "Your organization approved your registration: Expert workshop on data",
        )
    ]
    assert "Your registration is now: Confirmed." in mail.outbox[0].body


def test_approve_approval_event_goes_to_the_organizers(org_a, focal_a):
    event = quota_event(registration_mode=RegistrationMode.APPROVAL)
    registration = register(event, member_of(org_a), org_a)

    done = services.registration_organization_decide(
        registration=registration, approve=True, by=focal_a
    )

    assert done.status == RegistrationStatus.PENDING
    # The organizers decide it next, as any pending registration.
    counts = services.registration_decide(
        event=event, registration_ids=[done.pk], accept=True, by=focal_a
    )
    assert counts["confirmed"] == 1


def test_approve_full_open_event_waitlists(org_a, focal_a):
    event = quota_event(capacity=1)
    register(event, focal_a, org_a)  # takes the only seat
    registration = register(event, member_of(org_a), org_a)

    done = services.registration_organization_decide(
        registration=registration, approve=True, by=focal_a
    )

    assert done.status == RegistrationStatus.WAITLISTED


def test_approve_over_quota_is_refused_and_changes_nothing(org_a, focal_a):
    event = quota_event(quota=1)
    first, second = (register(event, member_of(org_a), org_a) for _ in range(2))
    services.registration_organization_decide(registration=first, approve=True, by=focal_a)

    refused(
        lambda: services.registration_organization_decide(
            registration=second, approve=True, by=focal_a
        ),
        "Agency A already uses 1 of its 1 place(s) at this event: this registration cannot be "
        "approved. Decline it, or ask a colleague to cancel theirs first.",
    )
    second.refresh_from_db()
    assert (second.status, second.organization_decided_by) == (AWAITING, None)


def test_awaiting_registrations_use_no_place(org_a, focal_a):
    """More people may ask than there are places: the organization chooses among them."""
    event = quota_event(quota=1)
    asked = [register(event, member_of(org_a), org_a) for _ in range(3)]

    assert [r.status for r in asked] == [AWAITING] * 3


def test_register_when_quota_used_is_refused(org_a, focal_a):
    event = quota_event(quota=1)
    register(event, focal_a, org_a)

    refused(
        lambda: register(event, member_of(org_a), org_a),
        "Agency A already has 1 of its 1 place(s) at this event, so that every agency can "
        "attend. Ask a colleague to cancel, or the organizers to raise the quota.",
    )


def test_decline_tells_the_person_and_blocks_a_second_request(
    org_a, focal_a, django_capture_on_commit_callbacks
):
    event = quota_event()
    person = member_of(org_a)
    registration = register(event, person, org_a)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done = services.registration_organization_decide(
            registration=registration, approve=False, by=focal_a
        )

    assert done.status == RegistrationStatus.ORGANIZATION_DECLINED
    assert [m.subject for m in mail.outbox] == [
        "Your organization declined your registration: Expert workshop on data"
    ]
    refused(
        lambda: register(event, person, org_a),
        "Agency A declined your registration for this event. Ask its focal point or alternate "
        "if you think this is a mistake.",
    )


def test_decide_by_plain_member_or_other_focal_point_is_refused(org_a, focal_b):
    event = quota_event()
    registration = register(event, member_of(org_a), org_a)

    for person in (member_of(org_a), focal_b):
        with pytest.raises(PermissionDenied):
            services.registration_organization_decide(
                registration=registration, approve=True, by=person
            )
    registration.refresh_from_db()
    assert registration.status == AWAITING


def test_decide_twice_is_refused(org_a, focal_a):
    event = quota_event()
    registration = register(event, member_of(org_a), org_a)
    services.registration_organization_decide(registration=registration, approve=False, by=focal_a)

    refused(
        lambda: services.registration_organization_decide(
            registration=registration, approve=True, by=focal_a
        ),
        "This registration no longer awaits your organization (status: Declined by the "
        "organization).",
    )


def test_approve_after_registration_closed_is_refused(org_a, focal_a):
    event = quota_event()
    registration = register(event, member_of(org_a), org_a)
    event.registration_closes = timezone.now() - timedelta(minutes=1)
    event.save()

    with pytest.raises(ValidationError) as error:
        services.registration_organization_decide(
            registration=registration, approve=True, by=focal_a
        )
    assert "it can no longer be approved" in " ".join(error.value.messages)
    registration.refresh_from_db()
    assert registration.status == AWAITING


def test_person_may_cancel_while_awaiting(org_a):
    event = quota_event()
    person = member_of(org_a)
    registration = register(event, person, org_a)

    done = services.registration_cancel(registration=registration, by=person)

    assert done.status == RegistrationStatus.CANCELLED


# --- The desk --------------------------------------------------------------------------------


def _desk(client, user):
    client.force_login(user)
    response = client.get("/desk/")
    assert response.status_code == 200
    return response.content.decode()


def test_desk_focal_point_and_alternate_see_their_organization_only(
    client, org_a, org_b, focal_a, alternate_a, focal_b
):
    event = quota_event(quota=3)
    register(event, member_of(org_a, display_name="Ana Researcher"), org_a)
    register(event, member_of(org_b, display_name="Boris Analyst"), org_b)
    register(event, focal_a, org_a)  # uses one of A's places

    for spokesperson in (focal_a, alternate_a):
        page = _desk(client, spokesperson)
        assert "Ana Researcher, for Expert workshop on data" in page
        assert "1 of 3 places used" in page
        assert "Boris Analyst" not in page
        assert f'action="{page_url(event, org_a)}"' in page
        assert 'value="approve"' in page
    page = _desk(client, focal_b)
    assert "Boris Analyst, for Expert workshop on data" in page
    assert "0 of 3 places used" in page
    assert "Ana Researcher" not in page


def test_desk_plain_member_gets_no_approve_button(client, org_a, focal_a):
    event = quota_event()
    person = member_of(org_a, display_name="Ana Researcher")
    register(event, person, org_a)
    colleague = member_of(org_a)

    page = _desk(client, colleague)
    assert "Ana Researcher" not in page
    assert page_url(event, org_a) not in page
    # The person sees their own registration's status.
    page = _desk(client, person)
    assert "Your registration: Awaiting the organization&#x27;s approval." in page
    assert page_url(event, org_a) not in page


def test_desk_item_deadline_is_registration_close_or_start(org_a, focal_a):
    from events.selectors import organization_approval_desk_items

    closes = timezone.now() + timedelta(days=3)
    closing = quota_event(registration_closes=closes)
    starting = quota_event(title="Second workshop")
    register(closing, member_of(org_a), org_a)
    register(starting, member_of(org_a), org_a)

    items = organization_approval_desk_items(user=focal_a, organizations=[org_a])

    assert sorted(item.deadline for item in items) == sorted([closes, starting.start])


def test_desk_approve_button_posts_and_item_moves_to_done(client, org_a, focal_a):
    event = quota_event()
    registration = register(event, member_of(org_a, display_name="Ana Researcher"), org_a)
    client.force_login(focal_a)
    before = desk_count(focal_a)

    response = client.post(
        page_url(event, org_a),
        {"registration": registration.pk, "decision": "approve"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Approved: Ana Researcher&#x27;s registration is now “Confirmed”." in (
        response.content.decode()
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    # The header count follows the write.
    assert desk_count(focal_a) == before - 1
    page = _desk(client, focal_a)
    done = page.split('id="desk-done-heading"')[1]
    assert "Ana Researcher, for Expert workshop on data" in done
    assert f"Approved by {focal_a.name}." in done


def test_desk_query_count_constant_for_1_and_20_registrations(client, org_a, focal_a):
    events = [quota_event(quota=30, title=f"Workshop {n}") for n in range(2)]
    register(events[0], member_of(org_a), org_a)
    client.force_login(focal_a)
    client.get("/desk/")
    with CaptureQueriesContext(connection) as few:
        client.get("/desk/")
    for n in range(19):
        person = member_of(org_a, display_name=f"Person {n}")
        registration = register(events[n % 2], person, org_a)
        if n < 4:
            services.registration_organization_decide(
                registration=registration, approve=n % 2 == 0, by=focal_a
            )
    client.get("/desk/")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/desk/").content.decode()
    assert "Person 18, for Workshop 0" in page
    assert len(few) > 0
    assert len(few) == len(many), [q["sql"] for q in many.captured_queries]


# --- The organization's page ----------------------------------------------------------------


def test_page_lists_awaiting_and_quota_used(client, org_a, focal_a):
    event = quota_event(quota=3)
    register(event, member_of(org_a, display_name="Ana Researcher"), org_a)
    register(event, focal_a, org_a)
    client.force_login(focal_a)

    page = client.get(page_url(event, org_a)).content.decode()

    assert "1 of 3 places used." in page
    awaiting, others = page.split("<h2>")[1:3]
    assert "Ana Researcher" in awaiting
    assert "Yes, decline the registration of Ana Researcher" in awaiting
    assert focal_a.name in others and "Confirmed" in others


def test_page_refuses_plain_member_and_other_organization(client, org_a, org_b, focal_b):
    event = quota_event()
    registration = register(event, member_of(org_a), org_a)
    for person in (member_of(org_a), focal_b):
        client.force_login(person)
        assert client.get(page_url(event, org_a)).status_code == 403
        response = client.post(
            page_url(event, org_a), {"registration": registration.pk, "decision": "approve"}
        )
        assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == AWAITING


def test_page_asks_sign_in_of_anonymous(client, org_a):
    event = quota_event()
    response = client.get(page_url(event, org_a))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_page_decline_needs_confirmation(client, org_a, focal_a):
    event = quota_event()
    registration = register(event, member_of(org_a), org_a)
    client.force_login(focal_a)

    response = client.post(
        page_url(event, org_a),
        {"registration": registration.pk, "decision": "decline"},
        follow=True,
    )
    assert "Tick the box to confirm that you decline it." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == AWAITING

    response = client.post(
        page_url(event, org_a),
        {"registration": registration.pk, "decision": "decline", "confirm": "on"},
        follow=True,
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ORGANIZATION_DECLINED
    assert "is told by email." in response.content.decode()


def test_page_over_quota_says_why(client, org_a, focal_a):
    event = quota_event(quota=1)
    registration = register(event, member_of(org_a), org_a)
    register(event, focal_a, org_a)  # the focal point takes the one place
    client.force_login(focal_a)

    response = client.post(
        page_url(event, org_a),
        {"registration": registration.pk, "decision": "approve"},
        follow=True,
    )

    assert "already uses 1 of its 1 place(s)" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == AWAITING


def test_page_bad_registration_id_is_a_message(client, org_a, org_b, focal_a):
    event = quota_event()
    elsewhere = register(event, member_of(org_b), org_b)
    client.force_login(focal_a)

    for body in ({"registration": elsewhere.pk, "decision": "approve"}, {"decision": "x"}, {}):
        response = client.post(page_url(event, org_a), body, follow=True)
        assert response.status_code == 200
        assert 'role="status"' in response.content.decode()
    elsewhere.refresh_from_db()
    assert elsewhere.status == AWAITING


def test_participant_list_shows_awaiting_status(client, org_a):
    organizer = UserFactory()
    event = quota_event()
    EventOrganizer.objects.create(page=event, user=organizer)
    register(event, member_of(org_a, display_name="Ana Researcher"), org_a)
    client.force_login(organizer)

    page = client.get(event.url + "manage/").content.decode()

    row = page.split("Ana Researcher")[1].split("</tr>")[0]
    assert "Awaiting the organization&#x27;s approval" in row
    assert "1 awaiting their organization's approval." in page
    # The organizers cannot decide it before the organization does.
    assert 'name="registrations"' not in page.split("Ana Researcher")[0].rsplit("<tr>", 1)[1]
