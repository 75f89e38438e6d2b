"""Pages a person uses: proposing, editing, changing status, joining, deciding, and the
'my projects' page. Bad input gets a clear message and changes nothing."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from projects import services
from projects.enums import JoinRequestStatus, PartnerStatus, ProjectRole, ProjectStatus
from projects.models import JoinRequest, ProjectMember, ProjectNotification, ResearchProject
from tests.factories.projects import JoinRequestFactory, OpenRoleFactory

pytestmark = pytest.mark.django_db


def _html(response):
    return response.content.decode()


def _proposal(org, **extra):
    return {
        "title": "Begging and criminality in the Baltic Sea region",
        "summary": "Exploitation of children in begging and criminality.",
        "lead_organization": org.pk,
        "themes": ["exploitation", "responses_impact"],
        "countries": ["EE", "LT"],
        "planned_start": "2027-01-01",
        "planned_end": "2027-12-31",
        **extra,
    }


def test_project_new_creates_draft_and_shows_it_to_the_team(client, lead, org_a):
    client.force_login(lead)
    response = client.post(reverse("projects:new"), _proposal(org_a), follow=True)
    project = ResearchProject.objects.get()
    assert response.redirect_chain == [(f"/projects/{project.slug}/", 302)]
    assert (project.status, project.themes, project.countries) == (
        ProjectStatus.DRAFT,
        ["exploitation", "responses_impact"],
        ["EE", "LT"],
    )
    assert "A draft: only its team sees it." in _html(response)
    assert "Your project is saved as a draft" in _html(response)


def test_project_new_with_an_open_role(client, lead, org_a):
    client.force_login(lead)
    client.post(
        reverse("projects:new"),
        _proposal(
            org_a,
            **{
                "role-title": "A researcher with Romanian",
                "role-duration": "6 months",
                "role-countries": ["RO"],
            },
        ),
    )
    project = ResearchProject.objects.get()
    assert list(project.open_roles.values_list("title", "duration", "countries")) == [
        ("A researcher with Romanian", "6 months", "RO")
    ]
    assert project.open_roles.get().countries[0].code == "RO"


def test_project_new_without_role_opens_none(client, lead, org_a):
    client.force_login(lead)
    client.post(reverse("projects:new"), _proposal(org_a))
    assert ResearchProject.objects.get().open_roles.count() == 0


def test_project_new_lead_org_not_mine_refused(client, lead, org_b):
    client.force_login(lead)
    response = client.post(reverse("projects:new"), _proposal(org_b))
    assert response.status_code == 200
    assert "Select a valid choice" in _html(response)
    assert ResearchProject.objects.count() == 0


def test_project_new_end_before_start_refused(client, lead, org_a):
    client.force_login(lead)
    response = client.post(
        reverse("projects:new"),
        _proposal(org_a, planned_start="2027-06-01", planned_end="2027-01-01"),
    )
    assert response.status_code == 200
    assert "The planned end cannot be before the planned start." in _html(response)
    assert ResearchProject.objects.count() == 0


def test_project_status_active_without_ethics_shows_what_is_missing(client, project, lead):
    client.force_login(lead)
    response = client.post(reverse("projects:status", args=[project.slug]), {"to_status": "active"})
    assert response.status_code == 200
    assert escape(
        "Before the project can become active, complete the ethics checklist: informed "
        "consent; child participation and safeguarding; data protection (no personal data "
        "of trafficked persons); the ethical review body."
    ) in _html(response)
    project.refresh_from_db()
    assert project.status == ProjectStatus.RECRUITING
    assert project.status_changes.count() == 0


def test_project_status_transition_not_offered_refused(client, project, lead):
    client.force_login(lead)
    response = client.post(
        reverse("projects:status", args=[project.slug]), {"to_status": "completed"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in _html(response)
    project.refresh_from_db()
    assert project.status == ProjectStatus.RECRUITING


def test_project_join_twice_refused_with_message(client, project, network_member):
    client.force_login(network_member)
    url = reverse("projects:join", args=[project.slug])
    client.post(url, {"message": "First"})
    response = client.post(url, {"message": "Second"}, follow=True)
    assert "You have already asked to join this project." in _html(response)
    assert list(JoinRequest.objects.values_list("message", flat=True)) == ["First"]


def test_project_join_own_project_refused_with_message(client, project, lead):
    client.force_login(lead)
    response = client.post(
        reverse("projects:join", args=[project.slug]), {"message": "Me"}, follow=True
    )
    assert escape("You are already on this project's team.") in _html(response)
    assert JoinRequest.objects.count() == 0


def test_project_join_for_a_role_of_another_project_refused(client, project, network_member):
    other_role = OpenRoleFactory()
    client.force_login(network_member)
    response = client.post(
        reverse("projects:join", args=[project.slug]), {"role": other_role.pk}, follow=True
    )
    assert "Select a valid choice" in _html(response)
    assert JoinRequest.objects.count() == 0


def test_join_request_decide_withdrawn_refused_with_message(client, project, lead, network_member):
    join_request = JoinRequestFactory(
        project=project, user=network_member, status=JoinRequestStatus.WITHDRAWN
    )
    client.force_login(lead)
    response = client.post(
        reverse("projects:decide", args=[project.slug, join_request.pk]),
        {"decision": "accept"},
        follow=True,
    )
    assert "withdrew this request; it can no longer be decided." in _html(response)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.WITHDRAWN
    assert not ProjectMember.objects.filter(user=network_member).exists()


def test_project_detail_lead_sees_pending_requests(client, project, lead, network_member):
    JoinRequestFactory(project=project, user=network_member, message="PENDING-CANARY")
    client.force_login(lead)
    html = _html(client.get(reverse("projects:detail", args=[project.slug])))
    assert "PENDING-CANARY" in html
    assert network_member.name in html


def test_project_detail_team_member_does_not_see_pending_requests(
    client, project, team_member, network_member
):
    JoinRequestFactory(project=project, user=network_member, message="PENDING-CANARY")
    client.force_login(team_member)
    assert "PENDING-CANARY" not in _html(
        client.get(reverse("projects:detail", args=[project.slug]))
    )


def test_mine_shows_notifications_requests_and_invitations(
    client, project, lead, network_member, org_b, focal_b
):
    services.join_request_create(project=project, user=network_member, message="Hi")
    services.partner_invite(project=project, by=lead, organization=org_b)
    client.force_login(lead)
    html = _html(client.get(reverse("projects:mine")))
    assert f"{network_member.name} asks to join Routes of trafficked children" in html
    assert '<span class="tag">new</span>' in html
    client.post(reverse("projects:mine"))
    assert ProjectNotification.objects.filter(user=lead, read_at__isnull=True).count() == 0
    client.force_login(network_member)
    html = _html(client.get(reverse("projects:mine")))
    assert "Routes of trafficked children" in html and "Pending" in html
    client.force_login(focal_b)
    html = _html(client.get(reverse("projects:mine")))
    assert "Accept for Agency B" in html


def test_accepted_member_sees_team_fields(client, project, lead, network_member):
    join_request = services.join_request_create(project=project, user=network_member)
    client.force_login(network_member)
    url = reverse("projects:detail", args=[project.slug])
    assert "TEAM-ONLY-CANARY-NOTES" not in _html(client.get(url))
    client.force_login(lead)
    client.post(
        reverse("projects:decide", args=[project.slug, join_request.pk]),
        {"decision": "accept", "note": "Welcome"},
    )
    client.force_login(network_member)
    assert "TEAM-ONLY-CANARY-NOTES" in _html(client.get(url))
    assert ProjectMember.objects.get(user=network_member).role == ProjectRole.MEMBER


def test_partner_accepted_listed_with_commitment(client, project, lead, org_b, focal_b):
    partner = services.partner_invite(project=project, by=lead, organization=org_b)
    client.force_login(focal_b)
    client.post(
        reverse("projects:partner_decide", args=[partner.pk]),
        {"decision": "accept", "committed": "Interviews in Moldova"},
    )
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.ACCEPTED
    client.logout()
    html = _html(client.get(reverse("projects:detail", args=[project.slug])))
    assert "<td>Agency B</td>" not in html  # linked, as an equal of the lead
    assert ">Agency B</a></td><td>Partner</td><td>Interviews in Moldova</td>" in html


def test_project_edit_shows_current_themes_checked(client, project, lead):
    client.force_login(lead)
    html = _html(client.get(reverse("projects:edit", args=[project.slug])))
    assert 'value="patterns_flows" id="id_themes_0" checked>' in html
    assert 'value="root_causes" id="id_themes_1">' in html
