"""The members services and the bad input they meet: every refusal is a clear message and
leaves the database as it was; every success writes what it says and mails after commit."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape

from members import services
from members.enums import (
    InvitationStatus,
    MembershipRole,
    OrganizationKind,
    OrganizationStatus,
    RequestStatus,
    Visibility,
)
from members.models import Invitation, Membership, MembershipRequest, Organization
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    UserFactory,
)


def shows(response, text):
    return escape(text) in response.content.decode()


APPLICATION = {
    "name": "Centre for Child Data Research",
    "acronym": "CCDR",
    "kind": OrganizationKind.RESEARCH,
    "headquarters_country": "NO",
    "countries": ["NO", "SE"],
    "mandate": "Builds comparable datasets on child trafficking.",
    "website": "https://ccdr.example.org/",
}


@pytest.fixture
def applicant(db):
    return UserFactory(email="amira@ccdr.example", display_name="Amira Haddad")


@pytest.fixture
def application(applicant):
    return OrganizationFactory(
        name="Centre for Child Data Research",
        slug="ccdr",
        status=OrganizationStatus.APPLICANT,
        applied_by=applicant,
    )


# --- Applying --------------------------------------------------------------------------------


def test_apply_form_creates_applicant_and_emails_staff(
    client, applicant, staff, django_capture_on_commit_callbacks
):
    client.force_login(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/members/apply/", APPLICATION)

    assert response.status_code == 302
    assert response["Location"] == "/members/profile/"
    organization = Organization.objects.get(name="Centre for Child Data Research")
    assert organization.status == OrganizationStatus.APPLICANT
    assert organization.applied_by == applicant
    assert organization.slug == "ccdr"
    assert [email.to for email in mail.outbox] == [[staff.email]]
    assert mail.outbox[0].subject == "New application: Centre for Child Data Research"
    assert "http://testserver/admin/applications/" in mail.outbox[0].body
    profile = client.get("/members/profile/")
    assert shows(profile, "Centre for Child Data Research — waiting for the secretariat")


@pytest.mark.parametrize("name", ["agency a", "AGENCY A", "  Agency A  "])
def test_apply_form_duplicate_name_case_insensitive_refused(client, org_a, plain_user, name):
    client.force_login(plain_user)

    response = client.post("/members/apply/", {**APPLICATION, "name": name})

    assert response.status_code == 200
    assert shows(response, "An organization with this name is already registered.")
    assert list(Organization.objects.values_list("name", flat=True)) == ["Agency A"]
    assert not Organization.objects.filter(applied_by=plain_user).exists()


def test_apply_form_name_of_declined_application_accepted(client, plain_user):
    OrganizationFactory(name="Agency D", slug="agency-d", status=OrganizationStatus.DECLINED)
    client.force_login(plain_user)

    response = client.post("/members/apply/", {**APPLICATION, "name": "agency d", "acronym": ""})

    assert response.status_code == 302
    assert Organization.objects.get(applied_by=plain_user).name == "agency d"


def test_organization_apply_duplicate_name_refused_by_service(org_a, plain_user):
    """The service holds the rule too, for callers that skip the form."""
    with pytest.raises(ValidationError) as raised:
        services.organization_apply(user=plain_user, **{**APPLICATION, "name": "AGENCY A"})

    assert raised.value.messages == ["An organization with this name is already registered."]
    assert Organization.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("headquarters_country", "ZZ"), ("countries", ["NO", "ZZ"]), ("kind", "church")],
)
def test_apply_form_unknown_choice_refused(client, plain_user, field, value):
    client.force_login(plain_user)

    response = client.post("/members/apply/", {**APPLICATION, field: value})

    assert response.status_code == 200
    bad = value[-1] if isinstance(value, list) else value
    assert shows(response, f"Select a valid choice. {bad} is not one of the available choices.")
    assert Organization.objects.count() == 0


def test_apply_form_missing_mandate_refused(client, plain_user):
    client.force_login(plain_user)

    response = client.post("/members/apply/", {**APPLICATION, "mandate": ""})

    assert response.status_code == 200
    assert shows(response, "This field is required.")
    assert Organization.objects.count() == 0


def test_apply_page_anonymous_sent_to_login(client, db):
    response = client.post("/members/apply/", APPLICATION)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/members/apply/"
    assert Organization.objects.count() == 0


# --- Admission and decline -------------------------------------------------------------------


def test_organization_admit_makes_applicant_focal_point_and_emails(
    applicant, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organization = services.organization_apply(user=applicant, **APPLICATION)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.organization_admit(organization=organization, by=staff)

    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.MEMBER
    assert organization.decided_by == staff
    assert organization.decided_at is not None
    membership = Membership.objects.get(organization=organization)
    assert (membership.user, membership.role) == (applicant, MembershipRole.FOCAL_POINT)
    assert len(callbacks) == 1
    assert [email.to for email in mail.outbox] == [[staff.email], ["amira@ccdr.example"]]
    admitted = mail.outbox[1]
    assert admitted.subject == "Centre for Child Data Research is now a member of the network"
    assert "You are its focal point" in admitted.body
    assert "http://testserver/members/ccdr/" in admitted.body


def test_organization_admit_sends_nothing_before_commit(application, staff):
    """Emails wait for the commit: the test's transaction never commits, so none is sent."""
    services.organization_admit(organization=application, by=staff)

    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == OrganizationStatus.MEMBER


def test_organization_admit_twice_refused(application, staff):
    services.organization_admit(organization=application, by=staff)

    with pytest.raises(ValidationError) as raised:
        services.organization_admit(organization=application, by=staff)

    assert raised.value.messages == ["Centre for Child Data Research has already been decided on."]
    assert Membership.objects.filter(organization=application).count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_organization_decline_without_reason_refused(
    application, staff, reason, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as raised:
        services.organization_decline(organization=application, by=staff, reason=reason)

    assert raised.value.message_dict == {"reason": ["Say why the application is declined."]}
    application.refresh_from_db()
    assert application.status == OrganizationStatus.APPLICANT
    assert application.decided_by is None
    assert mail.outbox == []


def test_organization_decline_emails_reason(application, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.organization_decline(
            organization=application, by=staff, reason="  Not a research organization.  "
        )

    application.refresh_from_db()
    assert application.status == OrganizationStatus.DECLINED
    assert application.decision_reason == "Not a research organization."
    assert not Membership.objects.filter(organization=application).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amira@ccdr.example"]
    assert mail.outbox[0].subject == "Your application for Centre for Child Data Research"
    assert "Reason: Not a research organization." in mail.outbox[0].body


def test_applications_admin_decline_without_reason_shows_error(client, application, staff):
    client.force_login(staff)

    response = client.post(
        f"/admin/applications/{application.pk}/", {"action": "decline", "reason": ""}
    )

    assert response.status_code == 200
    assert shows(response, "Say why the application is declined.")
    application.refresh_from_db()
    assert application.status == OrganizationStatus.APPLICANT


def test_applications_admin_unknown_action_shows_error(client, application, staff):
    client.force_login(staff)

    response = client.post(f"/admin/applications/{application.pk}/", {"action": "maybe"})

    assert response.status_code == 200
    assert shows(response, "Choose Admit or Decline.")
    application.refresh_from_db()
    assert application.status == OrganizationStatus.APPLICANT


def test_applications_admin_decided_application_not_found(client, org_a, staff):
    client.force_login(staff)

    response = client.post(f"/admin/applications/{org_a.pk}/", {"action": "decline"})

    assert response.status_code == 404
    org_a.refresh_from_db()
    assert org_a.status == OrganizationStatus.MEMBER


# --- Focal points and alternates -------------------------------------------------------------


def test_focal_point_assign_second_focal_point_refused(org_a, focal_a, member_a, staff):
    with pytest.raises(ValidationError) as raised:
        services.focal_point_assign(organization=org_a, user=member_a, by=staff)

    assert raised.value.messages == ["This organization already has a focal point."]
    roles = dict(Membership.objects.filter(organization=org_a).values_list("user_id", "role"))
    assert roles == {focal_a.pk: MembershipRole.FOCAL_POINT, member_a.pk: MembershipRole.MEMBER}


def test_focal_point_assign_outsider_refused_without_membership(org_a, focal_a, plain_user, staff):
    with pytest.raises(ValidationError):
        services.focal_point_assign(organization=org_a, user=plain_user, by=staff)

    assert Membership.objects.filter(organization=org_a).count() == 1
    assert not Membership.objects.filter(user=plain_user).exists()


def test_focal_point_assign_organization_without_one(org_a, member_a, staff):
    membership = services.focal_point_assign(organization=org_a, user=member_a, by=staff)

    assert membership.role == MembershipRole.FOCAL_POINT
    assert Membership.objects.get(organization=org_a).user == member_a


def test_membership_second_focal_point_refused_by_validation(org_a, focal_a, plain_user):
    """Services validate before saving, so the constraint surfaces as a ValidationError."""
    second = Membership(user=plain_user, organization=org_a, role=MembershipRole.FOCAL_POINT)

    with pytest.raises(ValidationError) as raised:
        second.full_clean()

    assert raised.value.messages == ["This organization already has a focal point."]
    assert Membership.objects.filter(organization=org_a).count() == 1


def test_membership_second_focal_point_refused_by_database(org_a, focal_a, plain_user):
    """Two concurrent requests that both pass validation still cannot both win."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=plain_user, organization=org_a, role=MembershipRole.FOCAL_POINT
        )

    assert Membership.objects.filter(organization=org_a).count() == 1


def test_alternate_name_demotes_previous_alternate(org_a, focal_a, alternate_a, member_a):
    membership = services.alternate_name(organization=org_a, user=member_a, by=focal_a)

    assert membership.role == MembershipRole.ALTERNATE
    roles = dict(Membership.objects.filter(organization=org_a).values_list("user_id", "role"))
    assert roles == {
        focal_a.pk: MembershipRole.FOCAL_POINT,
        alternate_a.pk: MembershipRole.MEMBER,
        member_a.pk: MembershipRole.ALTERNATE,
    }


def test_alternate_name_focal_point_refused(org_a, focal_a, alternate_a):
    with pytest.raises(ValidationError) as raised:
        services.alternate_name(organization=org_a, user=focal_a, by=focal_a)

    assert raised.value.message_dict == {"user": ["The focal point cannot also be the alternate."]}
    roles = dict(Membership.objects.filter(organization=org_a).values_list("user_id", "role"))
    assert roles == {
        focal_a.pk: MembershipRole.FOCAL_POINT,
        alternate_a.pk: MembershipRole.ALTERNATE,
    }


def test_alternate_name_non_member_refused(org_a, focal_a, member_a, focal_b):
    with pytest.raises(ValidationError) as raised:
        services.alternate_name(organization=org_a, user=focal_b, by=focal_a)

    assert raised.value.message_dict == {"user": [f"{focal_b.name} is not a member of Agency A."]}
    assert not Membership.objects.filter(organization=org_a, user=focal_b).exists()
    assert not Membership.objects.filter(role=MembershipRole.ALTERNATE).exists()


def test_alternate_form_focal_point_refused_with_message(client, org_a, focal_a, member_a):
    client.force_login(focal_a)

    response = client.post("/members/agency-a/alternate/", {"user": focal_a.pk}, follow=True)

    assert shows(response, "Choose one of the organization's members as alternate.")
    assert Membership.objects.get(user=focal_a).role == MembershipRole.FOCAL_POINT
    assert not Membership.objects.filter(role=MembershipRole.ALTERNATE).exists()


# --- Requests to join ------------------------------------------------------------------------


def test_membership_request_create_emails_focal_point_and_alternate(
    org_a, focal_a, alternate_a, member_a, plain_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.membership_request_create(
            user=plain_user, organization=org_a, message="I lead the data team."
        )

    assert request.status == RequestStatus.PENDING
    # One message each, so the focal point and the alternate never see each other's address.
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [focal_a.email, alternate_a.email]
    )
    for email in mail.outbox:
        assert len(email.to) == 1 and email.cc == [] and email.bcc == []
        assert email.subject == f"{plain_user.name} asks to join Agency A"
        assert f"{plain_user.name} ({plain_user.email}) asks to join Agency A." in email.body
        assert "I lead the data team." in email.body
        assert "http://testserver/members/agency-a/requests/" in email.body


def test_membership_request_second_pending_refused(org_a, focal_a, plain_user):
    services.membership_request_create(user=plain_user, organization=org_a)

    with pytest.raises(ValidationError) as raised:
        services.membership_request_create(user=plain_user, organization=org_a)

    assert raised.value.messages == ["You have already asked to join this organization."]
    assert MembershipRequest.objects.filter(user=plain_user).count() == 1


def test_membership_request_by_member_refused(org_a, member_a):
    with pytest.raises(ValidationError) as raised:
        services.membership_request_create(user=member_a, organization=org_a)

    assert raised.value.messages == ["You are already a member of Agency A."]
    assert not MembershipRequest.objects.exists()


def test_membership_request_to_applicant_refused(application, plain_user):
    with pytest.raises(ValidationError) as raised:
        services.membership_request_create(user=plain_user, organization=application)

    assert raised.value.messages == ["Only member organizations take requests to join."]
    assert not MembershipRequest.objects.exists()


def test_membership_request_approve_creates_membership_and_emails(
    org_a, focal_a, plain_user, django_capture_on_commit_callbacks
):
    request = MembershipRequestFactory(user=plain_user, organization=org_a)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_request_decide(request=request, by=focal_a, approve=True)

    request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, focal_a)
    membership = Membership.objects.get(user=plain_user)
    assert (membership.organization, membership.role) == (org_a, MembershipRole.MEMBER)
    assert [email.to for email in mail.outbox] == [[plain_user.email]]
    assert "Your request to join Agency A was approved. Welcome." in mail.outbox[0].body


def test_membership_request_decline_creates_nothing_and_emails(
    org_a, focal_a, plain_user, django_capture_on_commit_callbacks
):
    request = MembershipRequestFactory(user=plain_user, organization=org_a)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_request_decide(request=request, by=focal_a, approve=False)

    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert not Membership.objects.filter(user=plain_user).exists()
    assert [email.to for email in mail.outbox] == [[plain_user.email]]
    assert "declined by its focal point" in mail.outbox[0].body


def test_membership_request_decided_twice_refused(org_a, focal_a, plain_user):
    request = MembershipRequestFactory(user=plain_user, organization=org_a)
    services.membership_request_decide(request=request, by=focal_a, approve=False)

    with pytest.raises(ValidationError) as raised:
        services.membership_request_decide(request=request, by=focal_a, approve=True)

    assert raised.value.messages == ["This request has already been decided."]
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert not Membership.objects.filter(user=plain_user).exists()


def test_join_form_twice_shows_message_and_keeps_one_request(client, org_a, focal_a, plain_user):
    client.force_login(plain_user)

    first = client.post("/members/agency-a/join/", {"message": "I run surveys."}, follow=True)
    second = client.post("/members/agency-a/join/", {"message": "Again."}, follow=True)

    assert shows(first, "Your request is with Agency A's focal point.")
    assert shows(second, "You have already asked to join this organization.")
    assert list(MembershipRequest.objects.values_list("user", "message", "status")) == [
        (plain_user.pk, "I run surveys.", RequestStatus.PENDING)
    ]


def test_requests_page_decided_request_shows_message(client, org_a, focal_a, plain_user):
    request = MembershipRequestFactory(
        user=plain_user, organization=org_a, status=RequestStatus.WITHDRAWN
    )
    client.force_login(focal_a)

    response = client.post(
        "/members/agency-a/requests/", {"request": request.pk, "decision": "approve"}, follow=True
    )

    assert shows(response, "That request is no longer pending, or no decision was chosen.")
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert not Membership.objects.filter(user=plain_user).exists()


# --- Invitations -----------------------------------------------------------------------------


def test_invitation_to_existing_member_refused(client, org_a, focal_a, member_a):
    client.force_login(focal_a)

    response = client.post("/members/agency-a/invite/", {"email": member_a.email})

    assert response.status_code == 200
    assert shows(response, f"{member_a.email} is already a member of Agency A.")
    assert not Invitation.objects.exists()


def test_invitation_to_existing_member_other_case_refused(org_a, focal_a):
    MembershipFactory(organization=org_a, user__email="mira.novak@example.org")

    with pytest.raises(ValidationError) as raised:
        services.invitation_create(organization=org_a, email="Mira.Novak@EXAMPLE.org", by=focal_a)

    assert raised.value.message_dict == {
        "email": ["Mira.Novak@example.org is already a member of Agency A."]
    }
    assert not Invitation.objects.exists()


def test_invitation_second_pending_to_same_address_refused(client, org_a, focal_a):
    client.force_login(focal_a)
    client.post("/members/agency-a/invite/", {"email": "jonas@example.org"})

    response = client.post("/members/agency-a/invite/", {"email": "jonas@example.org"})

    assert response.status_code == 200
    assert shows(response, "This address already has a pending invitation.")
    assert list(Invitation.objects.values_list("email", flat=True)) == ["jonas@example.org"]


def test_invitation_form_invalid_address_refused(client, org_a, focal_a):
    client.force_login(focal_a)

    response = client.post("/members/agency-a/invite/", {"email": "not-an-address"})

    assert response.status_code == 200
    assert shows(response, "Enter a valid email address.")
    assert not Invitation.objects.exists()


TOKEN = "a-secret-token-for-tests"

# (case, how the invitation differs, what the person is told)
BAD_LINKS = [
    (
        "expired",
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        "This invitation has expired. Ask the organization's focal point for a new one.",
    ),
    (
        "used",
        {"status": InvitationStatus.ACCEPTED},
        "This invitation has already been used.",
    ),
    (
        "revoked",
        {"status": InvitationStatus.REVOKED},
        "This invitation was withdrawn by the organization.",
    ),
    ("invalid", {"token": "another-token"}, "This invitation link is not valid."),
    (
        "wrong account",
        {"email": "someone.else@example.org"},
        "This invitation was sent to someone.else@example.org. "
        "Sign in with that address to accept it.",
    ),
]
# What the page says to anyone who opens the link.
BAD_LINK_PAGES = {
    "expired": "It has expired.",
    "used": "It has already been used.",
    "revoked": "It was withdrawn by the organization.",
    "invalid": "The link is not valid.",
}


@pytest.mark.parametrize(("case", "changes", "message"), BAD_LINKS, ids=[c[0] for c in BAD_LINKS])
def test_invitation_bad_link_refused(client, org_a, plain_user, case, changes, message):
    invitation = InvitationFactory(
        **{"organization": org_a, "email": plain_user.email, "token": TOKEN, **changes}
    )
    client.force_login(plain_user)
    path = f"/members/invitations/{TOKEN}/"

    page = client.get(path)
    response = client.post(path)

    assert response.status_code == 200
    assert shows(response, message)
    if case in BAD_LINK_PAGES:
        assert shows(page, "This invitation cannot be used")
        assert shows(page, BAD_LINK_PAGES[case])
    assert not Membership.objects.filter(user=plain_user).exists()
    status = invitation.status
    invitation.refresh_from_db()
    assert invitation.status == status
    assert invitation.accepted_by is None


def test_invitation_link_anonymous_post_sent_to_login(client, org_a):
    InvitationFactory(organization=org_a, token=TOKEN)
    path = f"/members/invitations/{TOKEN}/"

    page = client.get(path)
    response = client.post(path)

    assert shows(page, "Join Agency A")
    assert shows(page, "Sign up")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"
    assert not Membership.objects.exists()
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_invitation_revoke_view_stops_the_link(client, org_a, focal_a, plain_user):
    invitation = InvitationFactory(organization=org_a, email=plain_user.email, token=TOKEN)
    client.force_login(focal_a)

    response = client.post(f"/members/agency-a/invitations/{invitation.pk}/withdraw/", follow=True)
    client.force_login(plain_user)
    accept = client.post(f"/members/invitations/{TOKEN}/")

    assert shows(response, f"The invitation to {plain_user.email} is withdrawn.")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    assert shows(accept, "This invitation was withdrawn by the organization.")
    assert not Membership.objects.filter(user=plain_user).exists()


def test_invitation_flow_end_to_end(client, org_a, focal_a, django_capture_on_commit_callbacks):
    client.force_login(focal_a)

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/members/agency-a/invite/", {"email": "jonas.berg@example.org"})

    assert sent.status_code == 302
    assert shows(client.get("/members/agency-a/invite/"), "jonas.berg@example.org")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["jonas.berg@example.org"]
    assert email.subject == "Join Agency A on the Inter Agency Research Network"
    link = re.search(r"http://testserver(/members/invitations/[\w-]+/)", email.body)
    assert link is not None, email.body
    path = link.group(1)

    invitee = UserFactory(
        email="jonas.berg@example.org", display_name="Jonas Berg", visibility=Visibility.PUBLIC
    )
    client.force_login(invitee)
    page = client.get(path)
    accepted = client.post(path)

    assert shows(page, "Join Agency A")
    assert shows(page, "Accept and join Agency A")
    assert accepted.status_code == 302
    assert accepted["Location"] == "/members/agency-a/"
    membership = Membership.objects.get(user=invitee)
    assert (membership.organization, membership.role) == (org_a, MembershipRole.MEMBER)
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.accepted_by) == (InvitationStatus.ACCEPTED, invitee)
    organization_page = client.get("/members/agency-a/")
    assert shows(organization_page, "Welcome to Agency A.")
    assert shows(organization_page, "Jonas Berg")
    # Anyone else now sees the new colleague too, since the profile is public.
    client.logout()
    assert shows(client.get("/members/agency-a/"), "Jonas Berg")
    # The link works once.
    client.force_login(invitee)
    assert shows(client.post(path), "This invitation has already been used.")
    assert Membership.objects.filter(user=invitee).count() == 1


def test_invitation_accept_withdraws_pending_request(org_a, plain_user):
    MembershipRequestFactory(user=plain_user, organization=org_a)
    InvitationFactory(organization=org_a, email=plain_user.email, token=TOKEN)

    services.invitation_accept(token=TOKEN, user=plain_user)

    assert MembershipRequest.objects.get().status == RequestStatus.WITHDRAWN
    assert Membership.objects.get(user=plain_user).organization == org_a


def test_invitation_accept_after_inviter_account_deleted(org_a, focal_a, plain_user):
    InvitationFactory(organization=org_a, email=plain_user.email, token=TOKEN, invited_by=focal_a)
    focal_a.delete()

    membership = services.invitation_accept(token=TOKEN, user=plain_user)

    assert membership.organization == org_a
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED


def test_invitation_accept_by_existing_member_refused(org_a, member_a):
    invitation = InvitationFactory(organization=org_a, email=member_a.email, token=TOKEN)

    with pytest.raises(ValidationError) as raised:
        services.invitation_accept(token=TOKEN, user=member_a)

    assert raised.value.messages == ["You are already a member of Agency A."]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert Membership.objects.filter(user=member_a).count() == 1


# --- Profiles --------------------------------------------------------------------------------


def test_profile_update_sets_and_replaces_expertise(plain_user):
    services.profile_update(
        user=plain_user,
        expertise=["data collection", "child protection"],
        display_name="Mira Novak",
        countries=["MD", "RO"],
        languages=["en", "ro"],
    )
    services.profile_update(user=plain_user, expertise=["ethics", "data collection"])

    plain_user.refresh_from_db()
    assert plain_user.display_name == "Mira Novak"
    assert [c.code for c in plain_user.countries] == ["MD", "RO"]
    assert plain_user.languages == ["en", "ro"]
    assert sorted(plain_user.expertise.values_list("name", flat=True)) == [
        "data collection",
        "ethics",
    ]


def test_profile_update_unknown_field_refused(plain_user):
    name = plain_user.display_name

    with pytest.raises(ValidationError) as raised:
        services.profile_update(user=plain_user, is_staff=True, display_name="Boss")

    assert raised.value.messages == ["These fields cannot be changed here: is_staff."]
    plain_user.refresh_from_db()
    assert (plain_user.is_staff, plain_user.display_name) == (False, name)


def test_profile_form_saves_expertise_shown_on_person_page(client, plain_user):
    client.force_login(plain_user)

    response = client.post(
        "/members/profile/",
        {
            "display_name": "Mira Novak",
            "bio": "Studies data collection.",
            "countries": ["MD"],
            "languages": ["en", "fr"],
            "visibility": Visibility.PUBLIC,
            "expertise": "data collection, child protection, ",
        },
    )

    assert response.status_code == 302
    assert sorted(plain_user.expertise.values_list("name", flat=True)) == [
        "child protection",
        "data collection",
    ]
    client.logout()
    page = client.get(f"/members/people/{plain_user.pk}/")
    assert shows(page, "Mira Novak")
    html = page.content.decode()
    assert '<span class="tag">child protection</span>' in html
    assert '<span class="tag">data collection</span>' in html
    assert "<dd>English, French</dd>" in html
    assert "<dd>Moldova</dd>" in html


def test_profile_form_overlong_topic_refused(client, plain_user):
    client.force_login(plain_user)

    response = client.post(
        "/members/profile/",
        {"display_name": "Mira", "visibility": Visibility.PUBLIC, "expertise": "x" * 101},
    )

    assert response.status_code == 200
    assert shows(response, "Each topic can be at most 100 characters.")
    assert list(plain_user.expertise.all()) == []
    plain_user.refresh_from_db()
    assert plain_user.display_name != "Mira"
