import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.agenda.enums import PriorityStatus
from network.agenda.models import (
    Endorsement,
    PriorityStatusChange,
    ResearchPriority,
    Supporter,
    Vote,
)
from network.agenda.tasks import close_due_votes
from network.gaps.enums import GapStatus
from tests.factories.gaps import DataGapFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def test_agenda_groups_by_status_with_counts(client, org_a, focal_a, member_a):
    p = PriorityFactory(title="Re-trafficking", status=PriorityStatus.UNDER_DISCUSSION)
    PriorityFactory(title="Men and boys")
    Endorsement.objects.create(priority=p, organization=org_a, endorsed_by=focal_a)
    Supporter.objects.create(priority=p, user=member_a)
    Supporter.objects.create(priority=p, user=focal_a)
    response = client.get("/agenda/")
    html = response.content.decode()
    assert [
        (label, [x.title for x in items]) for label, _, items, _total in response.context["groups"]
    ] == [
        ("Under discussion", ["Re-trafficking"]),
        ("Proposed", ["Men and boys"]),
    ]
    assert "1 organization endorses · 2 individual supporters" in html


def test_agenda_filters_by_theme(client):
    PriorityFactory(title="Ethics", theme="ethics")
    PriorityFactory(title="Flows", theme="patterns")
    response = client.get("/agenda/?theme=ethics")
    groups = response.context["groups"]
    assert [p.title for _, _, items, _total in groups for p in items] == ["Ethics"]


def test_agenda_empty_state(client):
    assert "No priority has been proposed yet." in client.get("/agenda/").content.decode()


def test_agenda_list_query_count_constant(client, org_a, focal_a):
    gap = DataGapFactory()

    def make(n):
        for priority in PriorityFactory.create_batch(n, gaps=[gap]):
            Endorsement.objects.create(priority=priority, organization=org_a)

    make(3)
    # Warm the shared caches (footer menu, filter choices): the steady state is measured.
    client.get("/agenda/")
    with CaptureQueriesContext(connection) as few:
        client.get("/agenda/")
    make(30)
    with CaptureQueriesContext(connection) as many:
        client.get("/agenda/")
    assert len(few) == len(many)


def test_agenda_pages_keep_status_groups_and_their_totals(client):
    """Fifty priorities a page, in status order: a group split over two pages says its whole
    size on both, and the second page holds the rest (issue 20: the page no longer grows)."""
    ResearchPriority.objects.bulk_create(
        [
            PriorityFactory.build(title=f"Discussed {n:02d}", status="under_discussion")
            for n in range(40)
        ]
        + [PriorityFactory.build(title=f"Proposed {n:02d}", status="proposed") for n in range(20)]
    )
    first = client.get("/agenda/")
    second = client.get("/agenda/?page=2")
    assert [(label, len(items), total) for label, _, items, total in first.context["groups"]] == [
        ("Under discussion", 40, 40),
        ("Proposed", 10, 20),
    ]
    assert [(label, len(items), total) for label, _, items, total in second.context["groups"]] == [
        ("Proposed", 10, 20),
    ]
    html = second.content.decode()
    assert "Page 2 of 2" in html
    assert "Proposed 19" in html and "Proposed 09" not in html
    assert "60 priorities" in html
    past_the_end = client.get("/agenda/?page=9").content.decode()
    assert "There is no page “9”: showing page 2 of 2." in past_the_end


def test_filtered_agenda_query_count_does_not_grow(client, org_a):
    def make(n):
        ResearchPriority.objects.bulk_create(
            [PriorityFactory.build(theme="ethics", status="proposed") for _ in range(n)]
        )

    make(5)
    # Warm the shared caches (footer menu, filter choices): the steady state is measured.
    client.get("/agenda/?theme=ethics&status=proposed&page=1")
    with CaptureQueriesContext(connection) as few:
        client.get("/agenda/?theme=ethics&status=proposed&page=1")
    make(120)
    with CaptureQueriesContext(connection) as many:
        client.get("/agenda/?theme=ethics&status=proposed&page=2")
    assert len(few) == len(many)


def test_propose_page_creates_priority(client, member_a, org_a):
    gap = DataGapFactory()
    client.force_login(member_a)
    assert "Never include personal data" in client.get("/agenda/propose/").content.decode()
    response = client.post(
        "/agenda/propose/",
        {
            "organization": org_a.pk,
            "title": "Internal trafficking",
            "rationale": "Under-researched.",
            "theme": "patterns",
            "gaps": [gap.pk],
        },
    )
    priority = ResearchPriority.objects.get()
    assert response["Location"] == f"/agenda/{priority.pk}/"
    assert (priority.proposed_by, priority.proposing_organization) == (member_a, org_a)


def test_propose_by_outsider_refused(client, plain_user):
    client.force_login(plain_user)
    assert client.get("/agenda/propose/").status_code == 403
    assert not ResearchPriority.objects.exists()


def test_propose_anonymous_redirected_to_login(client):
    assert client.get("/agenda/propose/")["Location"].startswith("/accounts/login/")


def test_endorse_twice_shows_message(client, org_a, focal_a, alternate_a):
    priority = PriorityFactory()
    client.force_login(focal_a)
    client.post(f"/agenda/{priority.pk}/endorse/", {"organization": org_a.pk})
    client.force_login(alternate_a)
    response = client.post(
        f"/agenda/{priority.pk}/endorse/", {"organization": org_a.pk}, follow=True
    )
    assert "Agency A has already endorsed this priority." in response.content.decode()
    assert Endorsement.objects.count() == 1


def test_vote_page_not_focal_point_shows_message(client, open_vote, org_a, member_a):
    client.force_login(member_a)
    response = client.post(
        f"/agenda/{open_vote.pk}/vote/", {"organization": org_a.pk, "choice": "yes"}, follow=True
    )
    assert "Only the focal point or alternate of a member organization" in (
        response.content.decode()
    )
    assert not Vote.objects.exists()


def test_vote_page_after_close_shows_message(client, org_a, focal_a):
    priority = PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=timezone.now() - timedelta(days=3),
        vote_closes_at=timezone.now() + timedelta(days=3),
    )
    ResearchPriority.objects.filter(pk=priority.pk).update(
        vote_closes_at=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(focal_a)
    response = client.post(
        f"/agenda/{priority.pk}/vote/", {"organization": org_a.pk, "choice": "yes"}, follow=True
    )
    assert "The vote is not open" in response.content.decode()
    assert not Vote.objects.exists()


def test_vote_page_garbage_input_shows_message(client, open_vote, focal_a):
    client.force_login(focal_a)
    response = client.post(
        f"/agenda/{open_vote.pk}/vote/", {"organization": "x", "choice": "maybe"}, follow=True
    )
    assert "Choose yes, no or abstain" in response.content.decode()
    assert not Vote.objects.exists()


def test_detail_shows_vote_form_to_focal_point_only(client, open_vote, org_a, focal_a, member_a):
    client.force_login(focal_a)
    assert "Vote for Agency A" in client.get(f"/agenda/{open_vote.pk}/").content.decode()
    client.force_login(member_a)
    assert "Vote for Agency A" not in client.get(f"/agenda/{open_vote.pk}/").content.decode()


def _ended_vote(org_a, focal_a):
    """A vote that Agency A's focal point voted yes in, its window ended a second ago."""
    priority = PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=timezone.now() - timedelta(days=3),
        vote_closes_at=timezone.now() + timedelta(days=3),
    )
    Vote.objects.create(
        priority=priority, organization=org_a, role="focal_point", cast_by=focal_a, choice="yes"
    )
    ResearchPriority.objects.filter(pk=priority.pk).update(
        vote_closes_at=timezone.now() - timedelta(seconds=1)
    )
    return priority


def test_get_with_an_ended_vote_writes_nothing_and_shows_it_closing(client, org_a, focal_a, org_b):
    priority = _ended_vote(org_a, focal_a)
    client.force_login(focal_a)
    with CaptureQueriesContext(connection) as queries:
        listed = client.get("/agenda/").content.decode()
        detail = client.get(f"/agenda/{priority.pk}/").content.decode()
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.PUT_TO_NETWORK
    assert not PriorityStatusChange.objects.filter(priority=priority).exists()
    assert "<p>Vote closing: the votes are being counted.</p>" in listed
    assert "Vote open until" not in listed
    assert (
        "Vote closing: the window has ended and the votes are being counted. "
        "The result appears here within a minute."
    ) in detail
    assert "Vote for Agency A" not in detail
    assert "Roll-call by organization" not in detail


def test_close_due_votes_task_closes_an_ended_vote_and_its_page_shows_the_roll_call(
    client, org_a, focal_a, org_b
):
    priority = _ended_vote(org_a, focal_a)
    assert close_due_votes.enqueue().return_value == 1
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.ADOPTED
    html = client.get(f"/agenda/{priority.pk}/").content.decode()
    assert "Vote closing" not in html
    assert "<caption>Roll-call by organization</caption>" in html
    assert '<th scope="row">Agency A</th><td>Yes</td><td>Focal point</td>' in html
    assert '<th scope="row">Agency B</th><td>Did not vote</td><td>—</td>' in html


def test_staff_moves_and_opens_vote(client, staff):
    priority = PriorityFactory()
    client.force_login(staff)
    client.post(
        f"/agenda/{priority.pk}/move/", {"to_status": "under_discussion", "reason": "Tabled"}
    )
    closes = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/agenda/{priority.pk}/open-vote/", {"closes_at": closes, "quorum": 60})
    priority.refresh_from_db()
    assert (priority.status, priority.quorum) == (PriorityStatus.PUT_TO_NETWORK, 60)


def test_member_cannot_move_priority(client, focal_a):
    priority = PriorityFactory()
    client.force_login(focal_a)
    response = client.post(
        f"/agenda/{priority.pk}/move/", {"to_status": "under_discussion", "reason": "x"}
    )
    assert response.status_code == 403
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.PROPOSED


def test_adopted_page_groups_by_theme_with_progress(client):
    gaps = [
        DataGapFactory(title="A", status=GapStatus.BEING_ADDRESSED),
        DataGapFactory(title="B", status=GapStatus.OPEN),
        DataGapFactory(title="C", status=GapStatus.FILLED),
        DataGapFactory(title="D", status=GapStatus.STALE),
    ]
    PriorityFactory(title="Ethics first", theme="ethics", status="adopted", gaps=gaps)
    PriorityFactory(title="Not yet", status="proposed")
    html = client.get("/agenda/adopted/").content.decode()
    assert "Ethics and child participation" in html and "Ethics first" in html
    assert "Not yet" not in html
    assert '<span class="progress">50%</span> (2 of 4 gaps being addressed or filled)' in html


def test_adopted_csv_and_print(client):
    gap = DataGapFactory(title="Re-trafficking unknown", status=GapStatus.OPEN)
    PriorityFactory(title="Re-trafficking", theme="patterns", status="adopted", gaps=[gap])
    rows = list(csv.reader(io.StringIO(client.get("/agenda/adopted.csv").content.decode())))
    assert rows[1][:2] == ["Patterns and flows", "Re-trafficking"]
    assert rows[1][4:7] == ["Re-trafficking unknown (Open)", "0", "0"]
    assert client.get("/agenda/adopted/?format=csv")["Content-Type"] == "text/csv; charset=utf-8"
    printable = client.get("/agenda/adopted/print/").content.decode()
    assert "Re-trafficking unknown" in printable and "site-header" not in printable


@pytest.mark.parametrize(
    "action",
    ["endorse", "withdraw-endorsement", "support", "vote", "move", "open-vote", "close-vote"],
)
def test_agenda_posts_by_anonymous_redirect_to_login(client, action, org_a):
    priority = PriorityFactory()
    response = client.post(f"/agenda/{priority.pk}/{action}/", {"organization": org_a.pk})
    assert response["Location"].startswith("/accounts/login/")
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.PROPOSED
    assert not Endorsement.objects.exists() and not Supporter.objects.exists()


@pytest.mark.parametrize("action", ["open-vote", "close-vote"])
def test_vote_open_close_by_focal_point_refused(client, focal_a, open_vote, action):
    client.force_login(focal_a)
    assert client.post(f"/agenda/{open_vote.pk}/{action}/").status_code == 403
    open_vote.refresh_from_db()
    assert open_vote.status == PriorityStatus.PUT_TO_NETWORK


def test_endorse_for_other_org_shows_message(client, focal_a, org_b):
    priority = PriorityFactory()
    client.force_login(focal_a)
    response = client.post(
        f"/agenda/{priority.pk}/endorse/", {"organization": org_b.pk}, follow=True
    )
    assert "Only the focal point or alternate" in response.content.decode()
    assert not Endorsement.objects.exists()


def test_support_by_outsider_shows_message(client, plain_user):
    priority = PriorityFactory()
    client.force_login(plain_user)
    response = client.post(f"/agenda/{priority.pk}/support/", follow=True)
    assert "Only members of the network support priorities." in response.content.decode()
    assert not Supporter.objects.exists()


def test_unknown_priority_is_404(client):
    assert client.get("/agenda/999/").status_code == 404


def test_adopted_page_query_count_constant(client):
    def make(n):
        for _ in range(n):
            PriorityFactory(status="adopted", gaps=DataGapFactory.create_batch(2))

    make(2)
    # Warm the shared caches (footer menu, filter choices): the steady state is measured.
    client.get("/agenda/adopted/")
    with CaptureQueriesContext(connection) as few:
        client.get("/agenda/adopted/")
    make(15)
    with CaptureQueriesContext(connection) as many:
        client.get("/agenda/adopted/")
    assert len(few) == len(many)
