"""Decisions and action points recorded from minutes (issue 17, item 3), and the register's
cost for 10 and 500 records."""

import re
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services as event_services
from members.enums import MembershipRole
from network.decisions import services
from network.decisions.enums import DecisionStatus, RecordKind
from network.decisions.models import Decision, DecisionStatusChange
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.decisions import DecisionFactory
from tests.factories.events import EventPageFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def shows(response, value):
    plain = unescape(re.sub(r"<[^>]+>", "", response.content.decode()))
    return value in " ".join(plain.split())


@pytest.fixture
def meeting(org_a, focal_a):
    """An event organized by Agency O and attended by Agency A, with final minutes and with
    drafted ones."""
    org_o = OrganizationFactory(name="Agency O", slug="agency-o")
    organizer = MembershipFactory(organization=org_o, role=MembershipRole.FOCAL_POINT).user
    event = EventPageFactory(title="Minuted meeting", slug="minuted-meeting", organizers=[org_o])
    RegistrationFactory(event=event, user=UserFactory(), organization=org_a)
    final = event_services.minutes_circulate(
        output=event_services.minutes_draft(
            event=event, by=organizer, title="Day one", body="Agency A drafts a survey."
        ),
        by=organizer,
        days=7,
    )
    event_services.minutes_sign_off(output=final, organization=org_a, by=focal_a, approve=True)
    final = event_services.minutes_publish(output=final, by=organizer)
    draft = event_services.minutes_draft(
        event=event, by=organizer, title="Day two", body="Not agreed yet."
    )
    return {"event": event, "organizer": organizer, "final": final, "draft": draft}


def test_organizers_record_an_action_point_from_final_minutes(client, meeting, org_a):
    client.force_login(meeting["organizer"])
    url = f"/decisions/new/?minutes={meeting['final'].pk}"
    assert shows(client.get(url), "From the minutes “Day one” of Minuted meeting.")

    response = client.post(
        url,
        {
            "kind": RecordKind.ACTION_POINT,
            "text": "Draft the shared survey",
            "responsible": [org_a.pk],
            "due": "",
            "minutes": meeting["final"].pk,
        },
        follow=True,
    )

    decision = Decision.objects.get()
    assert (decision.minutes, decision.event, decision.due) == (
        meeting["final"],
        meeting["event"].specific,
        None,
    )
    assert shows(response, "its minutes “Day one”")
    minutes_page = client.get(meeting["final"].get_absolute_url())
    assert shows(minutes_page, "Draft the shared survey · Open")


def test_an_action_point_from_minutes_with_no_responsible_organization_is_refused(client, meeting):
    client.force_login(meeting["organizer"])
    response = client.post(
        f"/decisions/new/?minutes={meeting['final'].pk}",
        {
            "kind": RecordKind.ACTION_POINT,
            "text": "Someone does it",
            "minutes": meeting["final"].pk,
        },
    )
    assert response.status_code == 200
    assert shows(response, "An action point needs at least one responsible organization.")
    assert not Decision.objects.exists()


def test_recording_from_minutes_not_agreed_is_refused(client, meeting, org_a):
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            by=meeting["organizer"], kind=RecordKind.DECISION, text="Too early",
            minutes=meeting["draft"],
        )  # fmt: skip
    assert error.value.messages == [
        "Decisions are recorded from agreed or final minutes: these are not yet."
    ]
    client.force_login(meeting["organizer"])
    # Not staff, and no agreed minutes named: refused before any form.
    assert client.get(f"/decisions/new/?minutes={meeting['draft'].pk}").status_code == 403
    assert not Decision.objects.exists()


def test_someone_who_does_not_organize_the_meeting_cannot_record_from_its_minutes(
    client, meeting, focal_a, org_a
):
    with pytest.raises(PermissionDenied):
        services.decision_record(
            by=focal_a, kind=RecordKind.ACTION_POINT, text="Mine", responsible=[org_a],
            minutes=meeting["final"],
        )  # fmt: skip
    client.force_login(focal_a)
    assert client.get(f"/decisions/new/?minutes={meeting['final'].pk}").status_code == 403
    assert not Decision.objects.exists()


def test_a_status_change_by_an_organization_that_is_not_responsible_is_refused(
    client, meeting, org_a, focal_b
):
    decision = services.decision_record(
        by=meeting["organizer"], kind=RecordKind.ACTION_POINT, text="Draft the survey",
        responsible=[org_a], minutes=meeting["final"],
    )  # fmt: skip
    client.force_login(focal_b)
    response = client.post(
        f"/decisions/{decision.pk}/status/", {"to_status": "done", "note": "Not ours"}
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN
    assert DecisionStatusChange.objects.filter(decision=decision).count() == 1


def test_the_register_costs_the_same_queries_for_10_and_500_records(
    client, settings, meeting, org_a, org_b
):
    settings.PAGE_CACHE = False

    def count():
        # Steady state: the filter's choices, cached until a write, are filled first.
        client.get("/decisions/?warm=1")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/decisions/")
            assert response.status_code == 200
        return len(queries), response

    def add(n):
        for _ in range(n):
            DecisionFactory(
                responsible=[org_a, org_b], event=meeting["event"], minutes=meeting["final"]
            )

    add(10)
    small, _ = count()
    add(490)
    large, response = count()
    assert large == small
    assert Decision.objects.count() == 500
    assert shows(response, "Publish the training material")
