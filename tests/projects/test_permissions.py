"""Every project page and action against every kind of person: anonymous, a plain network
member, a team member, the lead, a partner organization's focal point and the secretariat.
Refused means a sign-in redirect, 403 or 404, and nothing written."""

import pytest
from django.urls import reverse

from projects.enums import JoinRequestStatus, PartnerStatus, ProjectStatus
from projects.models import (
    JoinRequest,
    OpenRole,
    PartnerOrganization,
    ProjectOutput,
    ProjectStatusChange,
    ResearchProject,
)
from tests.factories import OrganizationFactory
from tests.factories.projects import JoinRequestFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
MEMBER = "network_member"
TEAM = "team_member"
LEAD = "lead"
PARTNER = "partner_focal"
STAFF = "staff"
ACTORS = [ANONYMOUS, MEMBER, TEAM, LEAD, PARTNER, STAFF]

CANARIES = ("TEAM-ONLY-CANARY-CONTACT", "TEAM-ONLY-CANARY-NOTES")


@pytest.fixture
def as_actor(request, client, project):
    """Sign the client in as the named actor; the project and its partner always exist."""

    def sign_in(actor):
        request.getfixturevalue("partner_focal")
        request.getfixturevalue("team_member")
        if actor == ANONYMOUS:
            return None
        user = request.getfixturevalue(actor)
        client.force_login(user)
        return user

    return sign_in


def _refused(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    "actor, sees_team_fields",
    [
        (ANONYMOUS, False),
        (MEMBER, False),
        (TEAM, True),
        (LEAD, True),
        (PARTNER, False),
        (STAFF, True),
    ],
)
def test_project_detail_team_fields_only_for_team(
    client, as_actor, project, actor, sees_team_fields
):
    as_actor(actor)
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 lang="en">Routes of trafficked children</h1>' in html
    for canary in CANARIES:
        assert (canary in html) is sees_team_fields


@pytest.mark.parametrize(
    "actor, status",
    [(ANONYMOUS, 404), (MEMBER, 404), (TEAM, 200), (LEAD, 200), (PARTNER, 404), (STAFF, 200)],
)
def test_project_detail_draft_only_for_team(client, as_actor, project, actor, status):
    ResearchProject.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    as_actor(actor)
    response = client.get(reverse("projects:detail", args=[project.slug]))
    assert response.status_code == status


@pytest.mark.parametrize(
    "actor, listed",
    [
        (ANONYMOUS, False),
        (MEMBER, False),
        (TEAM, True),
        (LEAD, True),
        (PARTNER, False),
        (STAFF, True),
    ],
)
def test_project_list_draft_only_for_team(client, as_actor, project, actor, listed):
    ResearchProject.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    as_actor(actor)
    response = client.get(reverse("projects:list"))
    assert ("Routes of trafficked children" in response.content.decode()) is listed


EDIT = [(ANONYMOUS, "login"), (MEMBER, 403), (TEAM, 403), (LEAD, 200), (PARTNER, 403), (STAFF, 200)]


@pytest.mark.parametrize("actor, expected", EDIT)
def test_project_edit_only_leads_and_staff(client, as_actor, project, actor, expected):
    as_actor(actor)
    url = reverse("projects:edit", args=[project.slug])
    data = {
        "title": "Renamed",
        "summary": "New summary",
        "lead_organization": project.lead_organization_id,
        "themes": ["root_causes"],
    }
    response = client.post(url, data)
    project.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302
        assert (project.title, project.themes) == ("Renamed", ["root_causes"])
    else:
        _refused(response, expected)
        assert project.title == "Routes of trafficked children"


@pytest.mark.parametrize("actor, expected", EDIT)
def test_project_status_only_leads_and_staff(client, as_actor, project, actor, expected):
    as_actor(actor)
    response = client.post(
        reverse("projects:status", args=[project.slug]),
        {"to_status": "discontinued", "reason": "Funding ended."},
    )
    project.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302
        assert project.status == ProjectStatus.DISCONTINUED
        assert ProjectStatusChange.objects.get().reason == "Funding ended."
    else:
        _refused(response, expected)
        assert project.status == ProjectStatus.RECRUITING
        assert ProjectStatusChange.objects.count() == 0


LEAD_ONLY = [
    (ANONYMOUS, "login"),
    (MEMBER, 403),
    (TEAM, 403),
    (LEAD, 200),
    (PARTNER, 403),
    (STAFF, 403),
]


@pytest.mark.parametrize("actor, expected", LEAD_ONLY)
def test_join_request_decide_only_leads(client, as_actor, project, actor, expected):
    as_actor(actor)
    applicant = JoinRequestFactory(project=project).user
    join_request = JoinRequest.objects.get(user=applicant)
    response = client.post(
        reverse("projects:decide", args=[project.slug, join_request.pk]), {"decision": "accept"}
    )
    join_request.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302
        assert join_request.status == JoinRequestStatus.ACCEPTED
    else:
        _refused(response, expected)
        assert join_request.status == JoinRequestStatus.PENDING
        assert not project.members.filter(user=applicant).exists()


@pytest.mark.parametrize("actor, expected", LEAD_ONLY)
def test_partner_invite_only_leads(client, as_actor, project, actor, expected):
    as_actor(actor)
    organization = OrganizationFactory(name="Agency D")
    response = client.post(
        reverse("projects:partner_invite", args=[project.slug]),
        {"organization": organization.pk, "committed": "Data analysis"},
    )
    invited = PartnerOrganization.objects.filter(organization=organization)
    if expected == 200:
        assert response.status_code == 302
        assert invited.get().status == PartnerStatus.INVITED
    else:
        _refused(response, expected)
        assert not invited.exists()


@pytest.mark.parametrize("actor, expected", LEAD_ONLY)
def test_open_role_new_only_leads(client, as_actor, project, actor, expected):
    as_actor(actor)
    response = client.post(
        reverse("projects:role_new", args=[project.slug]),
        {"title": "Statistician", "duration": "3 months"},
    )
    if expected == 200:
        assert response.status_code == 302
        assert list(OpenRole.objects.values_list("title", flat=True)) == ["Statistician"]
    else:
        _refused(response, expected)
        assert OpenRole.objects.count() == 0


@pytest.mark.parametrize(
    "actor, expected",
    [(ANONYMOUS, "login"), (MEMBER, 403), (TEAM, 200), (LEAD, 200), (PARTNER, 403), (STAFF, 403)],
)
def test_output_new_only_team(client, as_actor, project, actor, expected):
    as_actor(actor)
    response = client.post(
        reverse("projects:output_new", args=[project.slug]),
        {"kind": "working_paper", "title": "Draft methodology", "version": "0.1"},
    )
    if expected == 200:
        assert response.status_code == 302
        assert list(ProjectOutput.objects.values_list("title", "version")) == [
            ("Draft methodology", "0.1")
        ]
    else:
        _refused(response, expected)
        assert ProjectOutput.objects.count() == 0


@pytest.mark.parametrize(
    "actor, created",
    [(MEMBER, True), (TEAM, False), (LEAD, False), (PARTNER, True), (STAFF, False)],
)
def test_project_join_only_network_members_outside_the_team(
    client, as_actor, project, actor, created
):
    user = as_actor(actor)
    response = client.post(reverse("projects:join", args=[project.slug]), {"message": "Hello"})
    assert response.status_code == 302
    assert JoinRequest.objects.filter(user=user).exists() is created


def test_project_join_anonymous_sent_to_sign_in(client, project):
    response = client.post(reverse("projects:join", args=[project.slug]), {"message": "Hi"})
    _refused(response, "login")
    assert JoinRequest.objects.count() == 0


@pytest.mark.parametrize(
    "actor, expected",
    [(ANONYMOUS, "login"), (MEMBER, 404), (TEAM, 404), (LEAD, 404), (PARTNER, 404), (STAFF, 404)],
)
def test_join_request_withdraw_only_applicant(client, as_actor, project, actor, expected):
    as_actor(actor)
    join_request = JoinRequestFactory(project=project)
    response = client.post(reverse("projects:withdraw", args=[project.slug, join_request.pk]))
    _refused(response, expected)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING


def test_join_request_withdraw_by_applicant(client, project, network_member):
    join_request = JoinRequestFactory(project=project, user=network_member)
    client.force_login(network_member)
    response = client.post(reverse("projects:withdraw", args=[project.slug, join_request.pk]))
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.WITHDRAWN


@pytest.mark.parametrize(
    "actor, expected",
    [(ANONYMOUS, "login"), (MEMBER, 404), (TEAM, 404), (LEAD, 404), (PARTNER, 200), (STAFF, 404)],
)
def test_partner_decide_only_invited_orgs_focal_point(client, as_actor, project, actor, expected):
    as_actor(actor)
    partner = PartnerOrganization.objects.get(project=project)
    partner.status = PartnerStatus.INVITED
    partner.save()
    response = client.post(
        reverse("projects:partner_decide", args=[partner.pk]),
        {"decision": "accept", "committed": "Two researchers"},
    )
    partner.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302
        assert (partner.status, partner.committed) == (PartnerStatus.ACCEPTED, "Two researchers")
    else:
        _refused(response, expected)
        assert partner.status == PartnerStatus.INVITED


@pytest.mark.parametrize(
    "actor, expected",
    [(ANONYMOUS, "login"), (MEMBER, 200), (TEAM, 200), (LEAD, 200), (PARTNER, 200), (STAFF, 403)],
)
def test_project_new_only_network_members(client, as_actor, project, actor, expected):
    user = as_actor(actor)
    response = client.get(reverse("projects:new"))
    if expected == 200:
        assert response.status_code == 200
        assert "never write personal data of trafficked persons" in response.content.decode()
    else:
        _refused(response, expected)
    assert ResearchProject.objects.exclude(pk=project.pk).filter(created_by=user).count() == 0


@pytest.mark.parametrize("actor", [MEMBER, TEAM, LEAD, PARTNER, STAFF])
def test_mine_signed_in(client, as_actor, actor):
    as_actor(actor)
    assert client.get(reverse("projects:mine")).status_code == 200


def test_mine_anonymous_sent_to_sign_in(client):
    _refused(client.get(reverse("projects:mine")), "login")


def test_draft_actions_404_for_outsider(client, project, network_member):
    ResearchProject.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    client.force_login(network_member)
    for name in ("edit", "status", "partner_invite", "role_new", "output_new"):
        assert client.get(reverse(f"projects:{name}", args=[project.slug])).status_code == 404
    response = client.post(reverse("projects:join", args=[project.slug]), {"message": "x"})
    assert response.status_code == 404
    assert JoinRequest.objects.count() == 0


@pytest.mark.parametrize("actor, expected", LEAD_ONLY)
def test_team_member_role_change_only_leads(
    client, as_actor, project, team_member, actor, expected
):
    as_actor(actor)
    member = project.members.get(user=team_member)
    response = client.post(
        reverse("projects:team_member", args=[project.slug, member.pk]), {"role": "lead"}
    )
    member.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302
        assert member.role == "lead"
    elif actor == TEAM:
        # Their own entry: the form is theirs, the role change is refused with a message.
        assert response.status_code == 302
        assert member.role == "member"
    else:
        _refused(response, expected)
        assert member.role == "member"


def test_team_member_sets_own_commitment(client, project, team_member):
    client.force_login(team_member)
    member = project.members.get(user=team_member)
    response = client.post(
        reverse("projects:team_member", args=[project.slug, member.pk]),
        {"committed": "Three days a month"},
        follow=True,
    )
    member.refresh_from_db()
    assert member.committed == "Three days a month"
    assert "Three days a month" in response.content.decode()


def test_team_member_cannot_change_another_members_commitment(client, project, team_member, lead):
    client.force_login(team_member)
    lead_entry = project.members.get(user=lead)
    response = client.post(
        reverse("projects:team_member", args=[project.slug, lead_entry.pk]), {"committed": "x"}
    )
    assert response.status_code == 403
    lead_entry.refresh_from_db()
    assert lead_entry.committed == ""


def test_last_lead_cannot_step_down(client, project, lead):
    client.force_login(lead)
    entry = project.members.get(user=lead)
    response = client.post(
        reverse("projects:team_member", args=[project.slug, entry.pk]),
        {"role": "member"},
        follow=True,
    )
    assert (
        "A project needs at least one lead: name another lead first." in response.content.decode()
    )
    entry.refresh_from_db()
    assert entry.role == "lead"
