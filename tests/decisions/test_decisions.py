from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.enums import OrganizationStatus
from network.agenda import services as agenda_services
from network.agenda.enums import PriorityStatus
from network.decisions import seed, services
from network.decisions.enums import DecisionStatus, RecordKind
from network.decisions.models import Decision
from tests.factories import OrganizationFactory
from tests.factories.decisions import DecisionFactory
from tests.factories.gaps import PriorityFactory

pytestmark = pytest.mark.django_db


def test_an_action_point_needs_a_responsible_member_organization(staff, org_a):
    with pytest.raises(ValidationError) as error:
        services.decision_record(by=staff, kind=RecordKind.ACTION_POINT, text="Do it")
    assert "at least one responsible organization" in error.value.messages[0]
    applicant = OrganizationFactory(status=OrganizationStatus.APPLICANT)
    with pytest.raises(ValidationError):
        services.decision_record(
            by=staff, kind=RecordKind.ACTION_POINT, text="Do it", responsible=[applicant]
        )
    assert not Decision.objects.exists()
    decision = services.decision_record(
        by=staff, kind=RecordKind.ACTION_POINT, text="Do it", responsible=[org_a]
    )
    assert decision.history.get().to_status == DecisionStatus.OPEN


def test_only_staff_record(focal_a, org_a):
    with pytest.raises(PermissionDenied):
        services.decision_record(
            by=focal_a, kind=RecordKind.ACTION_POINT, text="Do it", responsible=[org_a]
        )


def test_a_responsible_spokesperson_moves_it_with_a_note_and_others_cannot(
    org_a, focal_a, alternate_a, member_a, focal_b
):
    decision = DecisionFactory(responsible=[org_a])
    for outsider in (member_a, focal_b):
        with pytest.raises(PermissionDenied):
            services.decision_transition(
                decision=decision, to_status=DecisionStatus.DONE, by=outsider, note="Done"
            )
    with pytest.raises(ValidationError):
        services.decision_transition(
            decision=decision, to_status=DecisionStatus.DONE, by=focal_a, note="  "
        )
    services.decision_transition(
        decision=decision, to_status=DecisionStatus.IN_PROGRESS, by=alternate_a, note="Started"
    )
    services.decision_transition(
        decision=decision, to_status=DecisionStatus.DONE, by=focal_a, note="Published"
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert [(h.to_status, h.organization, h.note) for h in decision.history.all()] == [
        (DecisionStatus.DONE, org_a, "Published"),
        (DecisionStatus.IN_PROGRESS, org_a, "Started"),
    ]
    with pytest.raises(ValidationError):
        services.decision_transition(
            decision=decision, to_status=DecisionStatus.IN_PROGRESS, by=focal_a, note="Again"
        )


def test_an_adopted_vote_records_its_decision(staff, org_a, focal_a):
    priority = PriorityFactory(proposing_organization=org_a, status=PriorityStatus.UNDER_DISCUSSION)
    agenda_services.priority_vote_open(
        priority=priority, by=staff, closes_at=timezone.now() + timedelta(days=7), quorum=10
    )
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.PUT_TO_NETWORK
    agenda_services.vote_cast(priority=priority, organization=org_a, by=focal_a, choice="yes")
    agenda_services.priority_vote_close(priority=priority, by=staff)
    decision = Decision.objects.get(priority_vote=priority)
    assert decision.kind == RecordKind.DECISION
    assert priority.title in decision.text
    assert list(decision.priorities.all()) == [priority]


def test_the_seeded_oslo_action_point_says_what_the_sources_do_not(client, db):
    from events.seed import load as load_events
    from home.seed import load as load_home
    from members.seed import load as load_members

    load_members()
    load_home()
    load_events()
    assert seed.load() == 1 and seed.load() == 0
    decision = Decision.objects.get()
    assert decision.event.slug == "oslo-2011"
    assert decision.status == DecisionStatus.OPEN and decision.due is None
    body = client.get(decision.get_absolute_url()).content.decode()
    assert body.count("Not stated in the sources.") == 2
    assert "exploitation in criminality and in begging" in body


def test_the_register_filters_and_shows_overdue(client, org_a, org_b):
    late = DecisionFactory(
        responsible=[org_a], text="Late point", due=timezone.localdate() - timedelta(days=1)
    )
    DecisionFactory(responsible=[org_b], text="Other point")
    body = client.get("/decisions/?overdue=on").content.decode()
    assert "Late point" in body and "Other point" not in body and "overdue" in body
    body = client.get("/decisions/?organization=agency-b").content.decode()
    assert "Other point" in body and "Late point" not in body
    csv = client.get("/decisions/export.csv?overdue=on").content.decode()
    assert "Late point" in csv and "Other point" not in csv
    assert client.get(f"/decisions/{late.pk}/").status_code == 200
    assert client.get("/decisions/999999/").status_code == 404


def test_the_register_costs_the_same_queries_for_10_and_100_records(client, settings, org_a):
    settings.PAGE_CACHE = False

    def count():
        # Warm the shared caches (footer menu, filter choices): the steady state is measured.
        client.get("/decisions/?status=open")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/decisions/?status=open").status_code == 200
        return len(queries)

    for _ in range(10):
        DecisionFactory(responsible=[org_a])
    small = count()
    for _ in range(90):
        DecisionFactory(responsible=[org_a])
    assert count() == small


def test_a_focal_point_marks_it_done_on_its_page(client, org_a, focal_a, focal_b):
    decision = DecisionFactory(responsible=[org_a], text="Draft the training material")
    client.force_login(focal_b)
    assert "Change its status" not in client.get(decision.get_absolute_url()).content.decode()
    assert (
        client.post(
            f"/decisions/{decision.pk}/status/", {"to_status": "done", "note": "x"}
        ).status_code
        == 403
    )
    client.force_login(focal_a)
    response = client.post(
        f"/decisions/{decision.pk}/status/",
        {"to_status": "done", "note": "Sent to CBSS"},
        follow=True,
    )
    body = response.content.decode()
    assert "The status is now “Done”." in body
    assert "Sent to CBSS" in body and "Agency A" in body
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE


def test_the_api_lists_and_filters_the_register(client, org_a, org_b):
    mine = DecisionFactory(responsible=[org_a], text="Ours")
    DecisionFactory(responsible=[org_b], text="Theirs")
    data = client.get("/api/v1/decisions?organization=agency-a").json()
    assert [d["text"] for d in data["results"]] == ["Ours"]
    assert data["results"][0]["responsible"] == ["agency-a"]
    assert client.get("/api/v1/decisions?organization=nobody").json()["count"] == 0
    assert client.get(f"/api/v1/decisions/{mine.pk}").json()["status"] == "open"
    assert client.get("/api/v1/decisions/999999").status_code == 404
    assert client.get("/api/v1/decisions?status=maybe").status_code == 400


def test_overdue_and_coming_action_points_are_on_the_responsible_desk(
    client, org_a, focal_a, focal_b
):
    DecisionFactory(
        responsible=[org_a], text="Overdue point", due=timezone.localdate() - timedelta(days=3)
    )
    DecisionFactory(
        responsible=[org_a], text="Coming point", due=timezone.localdate() + timedelta(days=5)
    )
    DecisionFactory(responsible=[org_a], text="Undated point")
    client.force_login(focal_a)
    body = client.get("/desk/").content.decode()
    assert "Overdue point" in body and "Overdue since" in body
    assert "Coming point" in body and "Undated point" not in body
    client.force_login(focal_b)
    assert "Overdue point" not in client.get("/desk/").content.decode()
