"""The secretariat's dashboard (issue 16, item 7): admin home panels, each registered by the
app that owns the records, each linking to the place to act; it costs the same however much
there is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.enums import OrganizationStatus
from members.models import Organization
from network.agenda import services as agenda_services
from network.agenda.enums import PriorityStatus, VoteChoice
from network.countries.enums import AnswerStatus
from network.gaps.enums import GapStatus
from tests.factories import OrganizationFactory
from tests.factories.countries import AnswerFactory, RoundCountryFactory, RoundFactory
from tests.factories.desk import NoticeFactory
from tests.factories.gaps import DataGapFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def _open_vote(title):
    now = timezone.now()
    return PriorityFactory(
        title=title,
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(hours=1),
        vote_closes_at=now + timedelta(days=7),
    )


def _home(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_empty_states(client, staff):
    body = _home(client, staff)
    assert "No organization is waiting for a decision on its application." in body
    assert "No vote is open." in body
    assert "No country round is open." in body
    assert "No data gap has gone stale." in body
    assert "No organization is behind with a notice." in body


def test_dashboard_shows_organizations_behind_with_notices(client, staff, org_a, focal_a, org_b):
    from network.desk import services

    late = NoticeFactory(
        recipients=[org_a, org_b], acknowledge_by=timezone.now() - timedelta(days=1)
    )
    NoticeFactory(recipients=[org_b], acknowledge_by=timezone.now() - timedelta(days=2))
    services.notice_acknowledge(notice=late, organization=org_a, by=focal_a)
    body = _home(client, staff)
    assert "Agency B" in body
    assert "2 notices not acknowledged in time" in body
    assert "1 notice not acknowledged in time" not in body  # Agency A acknowledged (late)
    assert f'href="/members/{org_b.slug}/"' in body


def test_dashboard_lists_what_waits_with_links_to_act(client, staff, org_a, focal_a, org_b):
    applicant = OrganizationFactory(name="Applicant Agency", status=OrganizationStatus.APPLICANT)
    vote = _open_vote("Begging networks across borders")
    agenda_services.vote_cast(priority=vote, organization=org_a, by=focal_a, choice=VoteChoice.YES)
    round_country = RoundCountryFactory(round=RoundFactory(title="Round on Albania"))
    AnswerFactory(round_country=round_country, organization=org_a, status=AnswerStatus.SUBMITTED)
    AnswerFactory(round_country=round_country, organization=org_b)
    gap = DataGapFactory(title="Returnee follow-up data", status=GapStatus.STALE)
    body = _home(client, staff)
    assert "Applicant Agency" in body
    assert f'href="/admin/applications/{applicant.pk}/"' in body
    assert "Begging networks across borders" in body
    members = Organization.objects.members().count()
    assert f"1 of {members} organizations voted" in body
    assert f'href="/agenda/{vote.pk}/"' in body
    assert "Round on Albania" in body
    assert "1 of 2 answers submitted" in body
    assert "Returnee follow-up data" in body
    assert f'href="{gap.get_absolute_url()}"' in body


def test_dashboard_not_for_members(client, focal_a):
    client.force_login(focal_a)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "Votes in progress" not in response.content.decode()


def _fill(n, org, focal):
    for i in range(n):
        OrganizationFactory(status=OrganizationStatus.APPLICANT)
        vote = _open_vote(f"Vote {i}")
        agenda_services.vote_cast(priority=vote, organization=org, by=focal, choice=VoteChoice.NO)
        AnswerFactory(round_country=RoundCountryFactory(), organization=org)
        DataGapFactory(status=GapStatus.STALE)
        NoticeFactory(recipients=[org])


def test_dashboard_query_count_does_not_grow(client, staff, org_a, focal_a):
    client.force_login(staff)
    _fill(1, org_a, focal_a)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    _fill(30, org_a, focal_a)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as many:
        body = client.get("/admin/").content.decode()
    assert body.count("organizations voted") == 10  # the first ten of 31
    assert len(few) > 0
    assert len(few) == len(many), [q["sql"] for q in many.captured_queries]
