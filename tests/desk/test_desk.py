"""The desk at /desk/: what each person sees, and that it costs the same however full it is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.enums import MembershipRole
from network.agenda import services as agenda_services
from network.agenda.enums import PriorityStatus
from network.catalogue import services as catalogue_services
from network.catalogue.enums import RequestAction, RequestStatus
from network.countries.enums import AnswerStatus
from network.desk import services as notice_services
from network.gaps.enums import GapStatus
from projects.enums import ProjectRole
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
)
from tests.factories.catalogue import AccessRequestFactory, DatasetFactory
from tests.factories.countries import AnswerFactory, RoundCountryFactory, RoundFactory
from tests.factories.desk import NoticeFactory
from tests.factories.events import RegistrationFactory
from tests.factories.gaps import CountryFactory, DataGapFactory, PriorityFactory
from tests.factories.projects import (
    JoinRequestFactory,
    PartnerOrganizationFactory,
    ProjectMemberFactory,
)

pytestmark = pytest.mark.django_db


def _open_vote(title="Child labour exploitation routes"):
    now = timezone.now()
    return PriorityFactory(
        title=title,
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(hours=1),
        vote_closes_at=now + timedelta(days=7),
    )


def _desk(client, user):
    client.force_login(user)
    response = client.get("/desk/")
    assert response.status_code == 200
    return response.content.decode()


def test_desk_focal_point_sees_open_vote_not_yet_voted(client, org_a, focal_a, org_b):
    _open_vote()
    page = _desk(client, focal_a)
    assert "Agency A" in page
    assert "Child labour exploitation routes" in page
    assert "Your organization has not voted yet." in page
    # Only the organizations one speaks for have a section.
    assert "<h2>Agency B</h2>" not in page


def test_desk_shows_who_voted(client, org_a, focal_a, alternate_a):
    vote = _open_vote()
    agenda_services.vote_cast(priority=vote, organization=org_a, by=focal_a, choice="yes")
    page = _desk(client, alternate_a)
    assert f"Voted ({focal_a})" in page


def test_desk_alternate_sees_the_same_items(client, org_a, focal_a, alternate_a):
    _open_vote()
    MembershipRequestFactory(organization=org_a, user__display_name="Ana Applicant")
    assert "Ana Applicant" in _desk(client, alternate_a)
    assert "Ana Applicant" in _desk(client, focal_a)


def test_desk_member_who_does_not_speak_sees_only_personal_section(client, org_a, member_a):
    _open_vote()
    MembershipRequestFactory(organization=org_a, user__display_name="Ana Applicant")
    page = _desk(client, member_a)
    assert "<h2>Agency A</h2>" not in page
    assert "Ana Applicant" not in page
    assert "Child labour exploitation routes" not in page
    assert "For you" in page


def test_desk_other_organizations_items_stay_off(client, org_a, focal_a, org_b, focal_b):
    MembershipRequestFactory(organization=org_b, user__display_name="Bo Applicant")
    DataGapFactory(title="Stale gap of B", reported_by=org_b, status=GapStatus.STALE)
    page = _desk(client, focal_a)
    assert "Bo Applicant" not in page
    assert "Stale gap of B" not in page


def test_desk_empty_says_what_will_appear(client, plain_user):
    page = _desk(client, plain_user)
    assert "Nothing is waiting for you." in page
    assert "0 items ask for action." in page


def test_desk_sections_alphabetical_then_personal(client):
    person = MembershipFactory(
        organization=OrganizationFactory(name="Zeta Institute"), role=MembershipRole.FOCAL_POINT
    ).user
    MembershipFactory(
        user=person,
        organization=OrganizationFactory(name="Alpha Agency"),
        role=MembershipRole.ALTERNATE,
    )
    page = _desk(client, person)
    assert page.index("Alpha Agency") < page.index("Zeta Institute") < page.index("For you")


def test_desk_lists_each_kind_with_deadline(client, org_a, focal_a):
    PriorityFactory(title="Endorse me", status=PriorityStatus.PROPOSED)
    InvitationFactory(organization=org_a, email="invitee@example.org")
    PartnerOrganizationFactory(organization=org_a, project__title="Routes study")
    lead = ProjectMemberFactory(user=focal_a, role=ProjectRole.LEAD, project__title="My study")
    JoinRequestFactory(project=lead.project, user__display_name="Jo Joiner")
    JoinRequestFactory(user=focal_a, project__title="Their study")
    DataGapFactory(title="Old evidence", reported_by=org_a, status=GapStatus.STALE)
    AnswerFactory(
        organization=org_a,
        round_country__round__title="Round 2026",
        round_country__country=CountryFactory(code="AL"),
    )
    RegistrationFactory(user=focal_a, organization=org_a, event__title="Oslo follow-up")
    page = _desk(client, focal_a)
    for text in (
        "Endorse me",
        "invitee@example.org",
        "Routes study",
        "Jo Joiner asks to join a project you lead.",
        "Their study",
        "Old evidence",
        "Round 2026 — Albania",
        "Oslo follow-up",
        "Due ",
    ):
        assert text in page, text


def test_desk_leaves_out_done_and_past_deadline(client, org_a, focal_a):
    now = timezone.now()
    PriorityFactory(
        title="Vote ended",
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(days=8),
        vote_closes_at=now - timedelta(minutes=1),
    )
    AnswerFactory(
        organization=org_a,
        status=AnswerStatus.SUBMITTED,
        round_country__round__title="Submitted round",
    )
    AnswerFactory(
        organization=org_a,
        round_country__round=RoundFactory(
            title="Late round", deadline=timezone.localdate() - timedelta(days=1)
        ),
    )
    page = _desk(client, focal_a)
    assert "Vote ended" not in page
    assert "Submitted round" not in page
    assert "Late round" not in page


def test_desk_anonymous_sent_to_sign_in(client):
    assert client.get("/desk/")["Location"].startswith("/accounts/login/")


def _fill(org, focal, n):
    for i in range(n):
        _open_vote(title=f"Vote {i}")
        PriorityFactory(status=PriorityStatus.PROPOSED)
        MembershipRequestFactory(organization=org)
        InvitationFactory(organization=org)
        PartnerOrganizationFactory(organization=org)
        lead = ProjectMemberFactory(user=focal, role=ProjectRole.LEAD)
        JoinRequestFactory(project=lead.project)
        JoinRequestFactory(user=focal)
        DataGapFactory(reported_by=org, status=GapStatus.STALE)
        AnswerFactory(organization=org, round_country=RoundCountryFactory())
        RegistrationFactory(user=focal, organization=org)
        NoticeFactory(recipients=[org])
        acknowledged = NoticeFactory(recipients=[org])
        notice_services.notice_acknowledge(notice=acknowledged, organization=org, by=focal)
        owned = DatasetFactory(owner=org, co_owners=[OrganizationFactory()])
        AccessRequestFactory(dataset=owned)
        AccessRequestFactory(organization=org, status=RequestStatus.MORE_INFO)
        catalogue_services.access_request_advance(
            by=focal,
            access_request=AccessRequestFactory(dataset=owned),
            action=RequestAction.MORE_INFO,
            note="Which years?",
        )


def test_desk_query_count_does_not_grow_with_items(client, org_a, focal_a):
    client.force_login(focal_a)
    _fill(org_a, focal_a, 1)
    client.get("/desk/")
    with CaptureQueriesContext(connection) as few:
        client.get("/desk/")
    _fill(org_a, focal_a, 49)  # 50 of each kind with the first
    client.get("/desk/")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/desk/").content.decode()
    assert "Vote 48" in page
    assert len(few) > 0
    assert len(few) == len(many), [q["sql"] for q in many.captured_queries]
