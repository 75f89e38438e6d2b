"""Minutes signed off by the organizations that attended (issue 17, items 1 and 2), and what the
minutes' page, the desk and the periodic job show of it."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.enums import AgreedHow, MinutesStatus, OutputKind, RegistrationStatus, SignOffAnswer
from events.models import EventOutput, MinutesRevision, MinutesSignOff
from events.tasks import close_minutes_signoff_periods
from members.enums import MembershipRole
from network.desk.selectors import desk_for
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.events import EventOutputFactory, EventPageFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

URL = "/events/minuted-meeting/"


def shows(response, value):
    plain = unescape(re.sub(r"<[^>]+>", "", response.content.decode()))
    return value in " ".join(plain.split())


@pytest.fixture
def world(org_a, org_b, focal_a, focal_b):
    """An event organized by Agency O, attended (confirmed) by Agency A's and Agency B's
    participants; Agency X only had a declined registration."""
    org_o = OrganizationFactory(name="Agency O", slug="agency-o")
    org_x = OrganizationFactory(name="Agency X", slug="agency-x")
    organizer = MembershipFactory(organization=org_o, role=MembershipRole.FOCAL_POINT).user
    event = EventPageFactory(title="Minuted meeting", slug="minuted-meeting", organizers=[org_o])
    attendee_b = UserFactory()
    RegistrationFactory(event=event, user=UserFactory(), organization=org_a)
    RegistrationFactory(event=event, user=attendee_b, organization=org_b)
    RegistrationFactory(
        event=event, user=UserFactory(), organization=org_x, status=RegistrationStatus.DECLINED
    )
    return {
        "event": event,
        "organizer": organizer,
        "org_a": org_a,
        "org_b": org_b,
        "org_x": org_x,
        "focal_a": focal_a,
        "focal_b": focal_b,
        "attendee_b": attendee_b,
        "focal_x": MembershipFactory(organization=org_x, role=MembershipRole.FOCAL_POINT).user,
    }


def drafted(w, body="The meeting agreed to map data gaps.\n\n**Action:** a shared survey."):
    return services.minutes_draft(
        event=w["event"], by=w["organizer"], title="Minutes of the meeting", body=body
    )


def circulated(w, days=14):
    return services.minutes_circulate(output=drafted(w), by=w["organizer"], days=days)


def snapshot(output):
    output.refresh_from_db()
    return (
        output.minutes_status,
        output.agreed_how,
        output.body,
        sorted(MinutesSignOff.objects.filter(output=output).values_list("answer", "comment")),
        output.revisions.count(),
    )


# --- Services --------------------------------------------------------------------------------


def test_circulating_asks_each_attending_organization_once(world):
    minutes = circulated(world)

    assert minutes.minutes_status == MinutesStatus.CIRCULATED
    assert [(s.organization.name, s.answer, s.revision) for s in minutes.signoffs.all()] == [
        ("Agency A", "pending", 1),
        ("Agency B", "pending", 1),
    ]
    assert minutes.signoff_until > timezone.now() + timedelta(days=13)


def test_all_approvals_agree_the_minutes_and_say_so(world):
    minutes = circulated(world)

    services.minutes_sign_off(
        output=minutes, organization=world["org_a"], by=world["focal_a"], approve=True
    )
    minutes.refresh_from_db()
    assert minutes.minutes_status == MinutesStatus.CIRCULATED
    # The person who attended for Agency B answers for it, as its focal point could.
    services.minutes_sign_off(
        output=minutes, organization=world["org_b"], by=world["attendee_b"], approve=True
    )

    minutes.refresh_from_db()
    assert (minutes.minutes_status, minutes.agreed_how) == ("agreed", AgreedHow.APPROVED)


def test_a_change_request_then_a_revision_asks_everyone_again(world):
    minutes = circulated(world)
    services.minutes_sign_off(
        output=minutes, organization=world["org_a"], by=world["focal_a"], approve=True
    )
    services.minutes_sign_off(
        output=minutes, organization=world["org_b"], by=world["focal_b"], approve=False,
        comment="Name the survey's languages.",
    )  # fmt: skip

    services.minutes_revise(
        output=minutes, by=world["organizer"], body="Survey in English and French.",
        reason="Agency B asked to name the languages.",
    )  # fmt: skip

    minutes.refresh_from_db()
    assert minutes.minutes_status == MinutesStatus.CIRCULATED
    assert [(s.answer, s.revision) for s in minutes.signoffs.all()] == [
        ("pending", 2),
        ("pending", 2),
    ]
    assert [(r.number, r.reason) for r in minutes.revisions.all()] == [
        (2, "Agency B asked to name the languages."),
        (1, ""),
    ]


def test_period_end_agrees_minutes_without_objection_only(world):
    quiet = circulated(world, days=1)
    objected = services.minutes_circulate(
        output=services.minutes_draft(
            event=world["event"], by=world["organizer"], title="Day 2", body="Day two."
        ),
        by=world["organizer"],
        days=1,
    )
    services.minutes_sign_off(
        output=objected, organization=world["org_a"], by=world["focal_a"], approve=False,
        comment="Wrong date.",
    )  # fmt: skip

    assert services.minutes_close_ended_periods(now=timezone.now() + timedelta(hours=1)) == 0
    assert close_minutes_signoff_periods.call() == 0
    assert services.minutes_close_ended_periods(now=timezone.now() + timedelta(days=2)) == 1

    quiet.refresh_from_db()
    objected.refresh_from_db()
    assert (quiet.minutes_status, quiet.agreed_how) == ("agreed", AgreedHow.PERIOD_ENDED)
    assert (objected.minutes_status, objected.agreed_how) == ("circulated", "")


def test_final_minutes_are_locked_and_corrected_by_a_revision_with_a_reason(world):
    minutes = circulated(world)
    for org, person in (("org_a", "focal_a"), ("org_b", "focal_b")):
        services.minutes_sign_off(
            output=minutes, organization=world[org], by=world[person], approve=True
        )
    services.minutes_publish(output=minutes, by=world["organizer"])

    with pytest.raises(ValidationError) as error:
        services.minutes_revise(output=minutes, by=world["organizer"], body="Rewritten.")
    assert error.value.message_dict == {
        "reason": ["Say why they change: the attending organizations have seen them."]
    }
    services.minutes_revise(
        output=minutes, by=world["organizer"], body="Corrected.", reason="A typo in a name."
    )

    minutes.refresh_from_db()
    assert (minutes.minutes_status, minutes.body) == ("final", "Corrected.")
    assert [(r.number, r.correction) for r in minutes.revisions.all()] == [
        (2, True),
        (1, False),
    ]


# --- Bad input: clear message, nothing changed ------------------------------------------------


def refused_unchanged(output, call, error_type, message):
    before = snapshot(output)
    with pytest.raises(error_type) as error:
        call()
    text = " ".join(getattr(error.value, "messages", [str(error.value)]))
    assert message in text
    assert snapshot(output) == before


def test_signing_off_for_an_organization_that_did_not_attend_is_refused(world):
    minutes = circulated(world)
    refused_unchanged(
        minutes,
        lambda: services.minutes_sign_off(
            output=minutes, organization=world["org_x"], by=world["focal_x"], approve=True
        ),
        ValidationError,
        "Agency X did not attend: it is not asked to sign these minutes off.",
    )


def test_signing_off_twice_is_refused(world):
    minutes = circulated(world)
    services.minutes_sign_off(
        output=minutes, organization=world["org_a"], by=world["focal_a"], approve=True
    )
    refused_unchanged(
        minutes,
        lambda: services.minutes_sign_off(
            output=minutes,
            organization=world["org_a"],
            by=world["focal_a"],
            approve=False,
            comment="Second thoughts",
        ),
        ValidationError,
        "Agency A has already answered for this revision.",
    )


def test_signing_off_final_minutes_is_refused(world):
    minutes = circulated(world)
    for org, person in (("org_a", "focal_a"), ("org_b", "focal_b")):
        services.minutes_sign_off(
            output=minutes, organization=world[org], by=world[person], approve=True
        )
    services.minutes_publish(output=minutes, by=world["organizer"])
    refused_unchanged(
        minutes,
        lambda: services.minutes_sign_off(
            output=minutes, organization=world["org_a"], by=world["focal_a"], approve=True
        ),
        ValidationError,
        "These minutes are final and locked: sign-off is over.",
    )


def test_signing_off_for_another_organization_is_refused(world):
    minutes = circulated(world)
    refused_unchanged(
        minutes,
        lambda: services.minutes_sign_off(
            output=minutes, organization=world["org_b"], by=world["focal_a"], approve=True
        ),
        PermissionDenied,
        "Only Agency B's focal point, alternate or the person who attended for it signs off",
    )


def test_a_change_request_without_a_comment_is_refused(world):
    minutes = circulated(world)
    refused_unchanged(
        minutes,
        lambda: services.minutes_sign_off(
            output=minutes, organization=world["org_a"], by=world["focal_a"], approve=False
        ),
        ValidationError,
        "Say what should change.",
    )


def test_publishing_before_agreement_and_circulating_twice_are_refused(world):
    minutes = circulated(world)
    refused_unchanged(
        minutes,
        lambda: services.minutes_publish(output=minutes, by=world["organizer"]),
        ValidationError,
        "Only agreed minutes are published",
    )
    refused_unchanged(
        minutes,
        lambda: services.minutes_circulate(output=minutes, by=world["organizer"], days=14),
        ValidationError,
        "Only draft minutes are circulated",
    )


def test_circulating_with_nobody_attending_is_refused(world, org_a):
    lonely = EventPageFactory(organizers=[org_a])
    minutes = services.minutes_draft(event=lonely, by=world["focal_a"], title="M", body="Text")
    refused_unchanged(
        minutes,
        lambda: services.minutes_circulate(output=minutes, by=world["focal_a"], days=14),
        ValidationError,
        "No organization has a confirmed participant",
    )


def test_drafting_is_for_organizers_only(world):
    with pytest.raises(PermissionDenied):
        services.minutes_draft(event=world["event"], by=world["focal_a"], title="M", body="X")
    assert not EventOutput.objects.filter(kind=OutputKind.MINUTES).exists()


# --- Pages -----------------------------------------------------------------------------------


def minutes_url(minutes, tail=""):
    return f"{URL}minutes/{minutes.pk}/{tail}"


def test_draft_minutes_are_hidden_from_everyone_but_organizers(client, world):
    minutes = drafted(world, body="CANARY draft text")

    for person in (None, world["focal_a"], world["focal_x"]):
        client.logout()
        if person:
            client.force_login(person)
        response = client.get(minutes_url(minutes))
        assert response.status_code == 404
        assert "CANARY draft text" not in response.content.decode()
    client.logout()
    assert "Minutes of the meeting" not in client.get(URL).content.decode()

    client.force_login(world["organizer"])
    assert shows(client.get(minutes_url(minutes)), "CANARY draft text")


def test_minutes_page_shows_signoffs_alphabetically_and_how_agreed(client, world):
    minutes = circulated(world)
    client.force_login(world["focal_b"])
    response = client.post(
        minutes_url(minutes, "sign-off/"),
        {"organization": world["org_b"].pk, "answer": "approve", "comment": ""},
        follow=True,
    )
    assert shows(response, "Your answer is recorded.")
    client.force_login(world["focal_a"])
    client.post(
        minutes_url(minutes, "sign-off/"),
        {"organization": world["org_a"].pk, "answer": "approve", "comment": ""},
    )

    client.logout()
    response = client.get(minutes_url(minutes))
    page = unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert page.index("Agency A") < page.index("Agency B")
    assert shows(response, "Agreed: Every attending organization approved them.")
    assert shows(response, "map data gaps")


def test_minutes_page_states_a_period_that_ended(client, world):
    minutes = circulated(world, days=1)
    services.minutes_close_ended_periods(now=timezone.now() + timedelta(days=2))
    response = client.get(minutes_url(minutes))
    assert shows(response, "Agreed: The sign-off period ended without an objection.")


def test_signoff_page_for_an_organization_that_did_not_attend_says_why(client, world):
    minutes = circulated(world)
    client.force_login(world["focal_a"])
    response = client.post(
        minutes_url(minutes, "sign-off/"),
        {"organization": world["org_x"].pk, "answer": "approve"},
    )
    assert response.status_code == 400
    assert shows(response, "Agency X did not attend: it is not asked to sign these minutes off.")
    assert set(MinutesSignOff.objects.values_list("answer", flat=True)) == {SignOffAnswer.PENDING}


def test_a_non_attending_organization_cannot_see_circulated_minutes(client, world):
    minutes = circulated(world)
    client.force_login(world["focal_x"])
    assert client.get(minutes_url(minutes)).status_code == 404
    response = client.post(
        minutes_url(minutes, "sign-off/"), {"organization": world["org_x"].pk, "answer": "approve"}
    )
    assert response.status_code == 404
    assert set(MinutesSignOff.objects.values_list("answer", flat=True)) == {SignOffAnswer.PENDING}


def test_organizers_draft_revise_circulate_and_publish_through_pages(client, world):
    client.force_login(world["organizer"])
    response = client.post(
        f"{URL}manage/minutes/new/", {"title": "Minutes", "body": "First text."}, follow=True
    )
    assert shows(response, "The minutes are drafted.")
    minutes = EventOutput.objects.get(kind=OutputKind.MINUTES)
    edit = f"{URL}manage/minutes/{minutes.pk}/edit/"
    response = client.post(edit, {"body": "First text.", "reason": ""})
    assert response.status_code == 400
    assert shows(response, "The text is unchanged: there is nothing to revise.")

    circulate = f"{URL}manage/minutes/{minutes.pk}/circulate/"
    response = client.post(circulate, {"days": "0"})
    assert response.status_code == 400
    assert EventOutput.objects.get().minutes_status == MinutesStatus.DRAFT
    client.post(circulate, {"days": "7"})
    assert EventOutput.objects.get().minutes_status == MinutesStatus.CIRCULATED

    response = client.post(edit, {"body": "Second text.", "reason": ""})
    assert response.status_code == 400
    assert shows(response, "Say why they change: the attending organizations have seen them.")
    assert MinutesRevision.objects.count() == 1

    publish = f"{URL}manage/minutes/{minutes.pk}/publish/"
    response = client.post(publish, {"confirm": "on"}, follow=True)
    assert shows(response, "Only agreed minutes are published")
    assert EventOutput.objects.get().minutes_status == MinutesStatus.CIRCULATED


def test_people_who_do_not_organize_cannot_draft_or_circulate(client, world):
    minutes = drafted(world)
    client.force_login(world["focal_a"])
    assert client.post(f"{URL}manage/minutes/new/", {"title": "M", "body": "B"}).status_code == 403
    circulate = f"{URL}manage/minutes/{minutes.pk}/circulate/"
    assert client.post(circulate, {"days": "7"}).status_code == 403
    assert snapshot(minutes)[0] == MinutesStatus.DRAFT
    assert EventOutput.objects.count() == 1


# --- Desk ------------------------------------------------------------------------------------


def test_signoff_request_is_on_the_attending_organizations_desk_until_answered(world):
    minutes = circulated(world)

    def items(user, organization):
        return [
            (item.kind, item.title, item.url)
            for section in desk_for(user)
            if section.organization == organization
            for item in section.items
        ]

    expected = [("Minutes to sign off", "Minutes of the meeting", minutes_url(minutes))]
    assert items(world["focal_a"], world["org_a"]) == expected
    assert items(world["focal_x"], world["org_x"]) == []
    services.minutes_sign_off(
        output=minutes, organization=world["org_a"], by=world["focal_a"], approve=True
    )
    assert items(world["focal_a"], world["org_a"]) == []


def test_existing_minutes_keep_working_when_uploaded(world):
    """Minutes uploaded as a document (before drafting existed) circulate the same way."""
    uploaded = EventOutputFactory(
        event=world["event"], kind=OutputKind.MINUTES, minutes_status=MinutesStatus.DRAFT,
        title="Uploaded minutes",
    )  # fmt: skip
    services.minutes_circulate(output=uploaded, by=world["organizer"], days=3)
    uploaded.refresh_from_db()
    assert uploaded.minutes_status == MinutesStatus.CIRCULATED


def test_migration_carries_existing_minutes_status(world):
    """Minutes agreed or final before sign-off existed say the organizers agreed them; a
    draft stays a draft (events/migrations/0004)."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("events.migrations.0004_minutes_signoff")
    made = {
        status: EventOutputFactory(
            event=world["event"], kind=OutputKind.MINUTES, minutes_status=status
        )
        for status in (MinutesStatus.DRAFT, MinutesStatus.AGREED, MinutesStatus.FINAL)
    }
    migration.carry_minutes(apps, None)

    assert {
        output.minutes_status: (output.minutes_status, output.agreed_how)
        for output in EventOutput.objects.filter(pk__in=[o.pk for o in made.values()])
    } == {
        "draft": ("draft", ""),
        "agreed": ("agreed", AgreedHow.ORGANIZERS),
        "final": ("final", AgreedHow.ORGANIZERS),
    }


def test_minutes_page_costs_the_same_queries_for_2_and_22_organizations(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    minutes = circulated(world)
    client.force_login(world["organizer"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(minutes_url(minutes)).status_code == 200
        return len(queries)

    count()  # warms per-process caches
    small = count()
    for n in range(20):
        organization = OrganizationFactory(name=f"Agency {n:02}", slug=f"agency-{n:02}")
        RegistrationFactory(event=world["event"], organization=organization)
        MinutesSignOff.objects.create(output=minutes, organization=organization, revision=1)
    count()  # the header's desk count is computed again once after writes, then cached
    assert count() == small
    assert minutes.signoffs.count() == 22
