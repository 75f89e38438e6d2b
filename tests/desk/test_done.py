"""The desk's "done recently": what was acted on leaves the open items and is listed for 30
days, derived from the records the actions wrote; it costs the same however much was done."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.enums import RequestStatus
from network.agenda import services as agenda_services
from network.agenda.enums import PriorityStatus, VoteChoice
from network.desk import services
from network.desk.models import NoticeAcknowledgement
from tests.factories import MembershipRequestFactory
from tests.factories.desk import NoticeFactory
from tests.factories.gaps import PriorityFactory

pytestmark = pytest.mark.django_db


def _desk(client, user):
    client.force_login(user)
    response = client.get("/desk/")
    assert response.status_code == 200
    return response.content.decode()


def _done_part(page):
    return page.split('id="desk-done-heading"', 1)[1]


def test_acknowledged_notice_moves_to_done_recently(client, org_a, focal_a):
    notice = NoticeFactory(title="Data protection rules", recipients=[org_a])
    page = _desk(client, focal_a)
    assert "Data protection rules" not in _done_part(page)
    services.notice_acknowledge(notice=notice, organization=org_a, by=focal_a)
    page = _desk(client, focal_a)
    open_part, done_part = page.split('id="desk-done-heading"', 1)
    assert "Data protection rules" not in open_part
    assert "Data protection rules" in done_part
    assert f"Acknowledged by {focal_a}" in done_part


def test_done_recently_keeps_30_days_only(client, org_a, focal_a):
    notice = NoticeFactory(title="Old rules", recipients=[org_a])
    ack = services.notice_acknowledge(notice=notice, organization=org_a, by=focal_a)
    NoticeAcknowledgement.objects.filter(pk=ack.pk).update(at=timezone.now() - timedelta(days=31))
    page = _desk(client, focal_a)
    assert "Old rules" not in page
    assert "Nothing done in this time yet" in page


def test_done_recently_shows_votes_and_decided_requests(client, org_a, focal_a, alternate_a):
    now = timezone.now()
    priority = PriorityFactory(
        title="Forced labour in fishing",
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(hours=1),
        vote_closes_at=now + timedelta(days=3),
    )
    agenda_services.vote_cast(
        priority=priority, organization=org_a, by=focal_a, choice=VoteChoice.YES
    )
    MembershipRequestFactory(
        organization=org_a,
        user__display_name="Rejected Applicant",
        status=RequestStatus.DECLINED,
        decided_by=focal_a,
        decided_at=now,
    )
    done_part = _done_part(_desk(client, alternate_a))
    assert "Forced labour in fishing" in done_part
    assert "Voted “Yes”" in done_part
    assert "Rejected Applicant" in done_part


def test_done_recently_is_the_organizations_own(client, org_a, focal_a, org_b, focal_b, member_a):
    notice = NoticeFactory(title="Shared notice", recipients=[org_a, org_b])
    services.notice_acknowledge(notice=notice, organization=org_b, by=focal_b)
    assert "Shared notice" not in _done_part(_desk(client, focal_a))
    services.notice_acknowledge(notice=notice, organization=org_a, by=focal_a)
    # A member who does not speak for the organization sees none of its done items.
    assert "Shared notice" not in _done_part(_desk(client, member_a))


def test_done_recently_query_count_does_not_grow(client, org_a, focal_a):
    def fill(n):
        for _ in range(n):
            notice = NoticeFactory(recipients=[org_a])
            services.notice_acknowledge(notice=notice, organization=org_a, by=focal_a)
            MembershipRequestFactory(
                organization=org_a,
                status=RequestStatus.APPROVED,
                decided_by=focal_a,
                decided_at=timezone.now(),
            )

    client.force_login(focal_a)
    fill(1)
    client.get("/desk/")
    with CaptureQueriesContext(connection) as few:
        client.get("/desk/")
    fill(50)
    client.get("/desk/")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/desk/").content.decode()
    assert _done_part(page).count('class="desk-item"') == 102
    assert len(few) > 0
    assert len(few) == len(many), [q["sql"] for q in many.captured_queries]
