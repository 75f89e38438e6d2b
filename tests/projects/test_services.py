"""Services: what each write does, and bad input refused with a clear message and nothing
changed."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from projects import services
from projects.enums import (
    JoinRequestStatus,
    PartnerStatus,
    ProjectRole,
    ProjectStatus,
)
from projects.models import (
    JoinRequest,
    PartnerOrganization,
    ProjectMember,
    ProjectNotification,
    ProjectStatusChange,
    ResearchProject,
)
from tests.factories.projects import JoinRequestFactory, OpenRoleFactory

pytestmark = pytest.mark.django_db


def _messages(excinfo):
    return " ".join(excinfo.value.messages)


def test_project_propose_creates_draft_with_proposer_as_lead(lead, org_a):
    project = services.project_propose(
        user=lead,
        title="Child trafficking in the Baltic Sea region",
        summary="Maps information structures.",
        lead_organization=org_a,
        countries=["EE", "LT"],
        themes=["methods_data"],
        planned_start=date(2026, 1, 1),
        planned_end=date(2026, 12, 31),
    )
    assert project.status == ProjectStatus.DRAFT
    assert project.slug == "child-trafficking-in-the-baltic-sea-region"
    assert list(project.members.values_list("user_id", "role")) == [(lead.pk, ProjectRole.LEAD)]
    assert list(project.status_changes.values_list("from_status", "to_status")) == [
        ("", ProjectStatus.DRAFT)
    ]


def test_project_propose_lead_org_not_mine_refused(lead, org_b):
    with pytest.raises(ValidationError) as excinfo:
        services.project_propose(user=lead, title="Elsewhere", summary="S", lead_organization=org_b)
    assert "member organization you belong to" in _messages(excinfo)
    assert ResearchProject.objects.count() == 0


def test_project_propose_end_before_start_refused(lead, org_a):
    with pytest.raises(ValidationError) as excinfo:
        services.project_propose(
            user=lead,
            title="Backwards",
            summary="S",
            lead_organization=org_a,
            planned_start=date(2026, 6, 1),
            planned_end=date(2026, 1, 1),
        )
    assert excinfo.value.message_dict["planned_end"] == [
        "The planned end cannot be before the planned start."
    ]
    assert ResearchProject.objects.count() == 0
    assert ProjectMember.objects.count() == 0


def test_project_propose_unknown_theme_refused(lead, org_a):
    with pytest.raises(ValidationError) as excinfo:
        services.project_propose(
            user=lead, title="T", summary="S", lead_organization=org_a, themes=["astrology"]
        )
    assert excinfo.value.message_dict["themes"] == ["Choose themes from the list."]
    assert ResearchProject.objects.count() == 0


def test_project_transition_to_active_without_ethics_lists_what_is_missing(project, lead):
    project.ethics_review_body = "IRC ethics board"
    project.save()
    with pytest.raises(ValidationError) as excinfo:
        services.project_transition(project=project, by=lead, to_status=ProjectStatus.ACTIVE)
    assert _messages(excinfo) == (
        "Before the project can become active, complete the ethics checklist: "
        "informed consent; child participation and safeguarding; "
        "data protection (no personal data of trafficked persons)."
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.RECRUITING
    assert ProjectStatusChange.objects.count() == 0


def test_project_transition_to_active_with_ethics_records_history(project, lead):
    project.informed_consent = project.child_safeguarding = project.no_personal_data = True
    project.ethics_review_body = "IRC ethics board"
    project.save()
    services.project_transition(
        project=project, by=lead, to_status=ProjectStatus.ACTIVE, reason="Team complete."
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    change = ProjectStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        ProjectStatus.RECRUITING,
        ProjectStatus.ACTIVE,
        lead,
        "Team complete.",
    )


def test_project_transition_not_allowed_refused(project, lead):
    with pytest.raises(ValidationError) as excinfo:
        services.project_transition(project=project, by=lead, to_status=ProjectStatus.DRAFT)
    assert _messages(excinfo) == (
        "A recruiting project cannot become draft; it can become: active, discontinued."
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.RECRUITING


def test_join_request_create_notifies_leads_on_commit(
    project, lead, network_member, django_capture_on_commit_callbacks
):
    role = OpenRoleFactory(project=project)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.join_request_create(
            project=project, user=network_member, message="I speak Romanian.", role=role
        )
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [lead.email]
    assert email.subject == f"{network_member.name} asks to join Routes of trafficked children"
    assert "I speak Romanian." in email.body
    assert "http://testserver/projects/routes/" in email.body
    assert list(ProjectNotification.objects.values_list("user_id", "text")) == [
        (lead.pk, email.subject)
    ]


def test_join_request_create_twice_refused(project, network_member):
    services.join_request_create(project=project, user=network_member)
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_create(project=project, user=network_member)
    assert "You have already asked to join this project" in _messages(excinfo)
    assert JoinRequest.objects.count() == 1


def test_join_request_create_own_project_refused(project, lead):
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_create(project=project, user=lead)
    assert _messages(excinfo) == "You are already on this project's team."
    assert JoinRequest.objects.count() == 0


def test_join_request_create_not_network_member_refused(project, plain_user):
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_create(project=project, user=plain_user)
    assert _messages(excinfo) == (
        "Only people from a member organization of the network can join projects."
    )
    assert JoinRequest.objects.count() == 0


def test_join_request_create_project_not_recruiting_refused(project, network_member):
    ResearchProject.objects.filter(pk=project.pk).update(status=ProjectStatus.PROPOSED)
    project.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_create(project=project, user=network_member)
    assert _messages(excinfo) == "This project is not taking requests to join: it is Proposed."
    assert JoinRequest.objects.count() == 0


def test_join_request_decide_accept_adds_member_and_emails_applicant(
    project, lead, network_member, mailoutbox, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(project=project, user=network_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decide(
            join_request=join_request, by=lead, accept=True, note="Welcome aboard."
        )
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by, join_request.note) == (
        JoinRequestStatus.ACCEPTED,
        lead,
        "Welcome aboard.",
    )
    assert project.members.filter(user=network_member, role=ProjectRole.MEMBER).exists()
    assert [m.to for m in mailoutbox] == [[network_member.email]]
    assert (
        mailoutbox[0].subject == "Your request to join Routes of trafficked children was accepted"
    )
    assert "Welcome aboard." in mailoutbox[0].body
    assert ProjectNotification.objects.get(user=network_member).text == mailoutbox[0].subject


def test_join_request_decide_withdrawn_refused(project, lead, network_member, mailoutbox):
    join_request = JoinRequestFactory(
        project=project, user=network_member, status=JoinRequestStatus.WITHDRAWN
    )
    with pytest.raises(ValidationError) as excinfo:
        services.join_request_decide(join_request=join_request, by=lead, accept=True)
    assert _messages(excinfo) == (
        f"{network_member.name} withdrew this request; it can no longer be decided."
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.WITHDRAWN
    assert not project.members.filter(user=network_member).exists()
    assert mailoutbox == []


def test_join_request_decide_by_team_member_refused(project, team_member, network_member):
    join_request = JoinRequestFactory(project=project, user=network_member)
    with pytest.raises(ValidationError):
        services.join_request_decide(join_request=join_request, by=team_member, accept=True)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING


def test_join_request_withdraw_then_ask_again(project, network_member):
    join_request = services.join_request_create(project=project, user=network_member)
    services.join_request_withdraw(join_request=join_request, user=network_member)
    again = services.join_request_create(project=project, user=network_member)
    assert list(JoinRequest.objects.order_by("pk").values_list("status", flat=True)) == [
        JoinRequestStatus.WITHDRAWN,
        JoinRequestStatus.PENDING,
    ]
    assert again.status == JoinRequestStatus.PENDING


def test_partner_invite_and_focal_point_accepts(
    project, lead, org_b, focal_b, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        partner = services.partner_invite(
            project=project, by=lead, organization=org_b, committed="Field interviews"
        )
    assert [m.to for m in mailoutbox] == [[focal_b.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.partner_decide(
            partner=partner, by=focal_b, accept=True, committed="Two researchers"
        )
    partner.refresh_from_db()
    assert (partner.status, partner.committed, partner.decided_by) == (
        PartnerStatus.ACCEPTED,
        "Two researchers",
        focal_b,
    )
    assert [m.to for m in mailoutbox] == [[focal_b.email], [lead.email]]


def test_partner_decide_by_plain_member_of_org_refused(project, lead, org_b, focal_b):
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organization=org_b).user
    partner = services.partner_invite(project=project, by=lead, organization=org_b)
    with pytest.raises(ValidationError) as excinfo:
        services.partner_decide(partner=partner, by=colleague, accept=True)
    assert _messages(excinfo) == "Only the focal point or alternate of Agency B can answer."
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INVITED


def test_partner_invite_twice_refused(project, lead, org_b):
    services.partner_invite(project=project, by=lead, organization=org_b)
    with pytest.raises(ValidationError) as excinfo:
        services.partner_invite(project=project, by=lead, organization=org_b)
    assert excinfo.value.message_dict["organization"] == ["Agency B is already Invited."]
    assert PartnerOrganization.objects.count() == 1


def test_output_add_to_draft_refused(project, lead):
    ResearchProject.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    project.refresh_from_db()
    with pytest.raises(ValidationError):
        services.output_add(project=project, by=lead, kind="report", title="Early findings")
    assert project.outputs.count() == 0


def test_partner_invite_to_draft_refused(project, lead, org_b, mailoutbox):
    ResearchProject.objects.filter(pk=project.pk).update(status=ProjectStatus.DRAFT)
    project.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        services.partner_invite(project=project, by=lead, organization=org_b)
    assert _messages(excinfo) == "Propose the project to the network before inviting partners."
    assert PartnerOrganization.objects.count() == 0
    assert mailoutbox == []
