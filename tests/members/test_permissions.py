"""Who may do what with an organization, a person and an application: every role against
every action. Refused means 403 (or a redirect away) and nothing written; allowed means the
effect is in the database and on the page."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from members.enums import (
    InvitationStatus,
    MembershipRole,
    OrganizationKind,
    OrganizationStatus,
    RequestStatus,
    Visibility,
)
from members.models import Invitation, Membership
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    UserFactory,
    with_totp,
)

LOGIN = "login"  # anonymous: sent to sign in
DENIED = "denied"  # signed in, but 403
ALLOWED = "allowed"

ANONYMOUS = "anonymous"
PLAIN = "plain_user"
MEMBER_A = "member_a"
FOCAL_A = "focal_a"
FOCAL_B = "focal_b"
ALTERNATE_A = "alternate_a"
STAFF = "staff"

# Editing the profile, inviting and deciding requests: the focal point, the alternate and
# the secretariat manage an organization; other members and other organizations do not.
MANAGE = [
    (ANONYMOUS, LOGIN),
    (PLAIN, DENIED),
    (MEMBER_A, DENIED),
    (FOCAL_A, ALLOWED),
    (FOCAL_B, DENIED),
    (ALTERNATE_A, ALLOWED),
    (STAFF, ALLOWED),
]
# Naming the alternate is the focal point's call, or the secretariat's; not the alternate's.
NAME_ALTERNATE = [
    (ANONYMOUS, LOGIN),
    (PLAIN, DENIED),
    (MEMBER_A, DENIED),
    (FOCAL_A, ALLOWED),
    (FOCAL_B, DENIED),
    (ALTERNATE_A, DENIED),
    (STAFF, ALLOWED),
]


def shows(response, text):
    return escape(text) in response.content.decode()


@pytest.fixture
def applicant_member(db):
    """Belongs only to an organization that is still applying: not a network member."""
    organization = OrganizationFactory(name="Agency Pending", status=OrganizationStatus.APPLICANT)
    return MembershipFactory(organization=organization, role=MembershipRole.FOCAL_POINT).user


@pytest.fixture
def actor_user(request, client, actor):
    """Sign the client in as the parametrized actor (a fixture name), or stay anonymous."""
    if actor == ANONYMOUS:
        return None
    user = request.getfixturevalue(actor)
    client.force_login(user)
    return user


def assert_refused(response, outcome, path):
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={path}"
    else:
        assert response.status_code == 403
        assert shows(response, "You may not do this")


# --- Editing the organization's profile ------------------------------------------------------


@pytest.mark.parametrize(("actor", "outcome"), MANAGE)
def test_organization_edit_page_by_role(client, org_a, actor, actor_user, outcome):
    path = "/members/agency-a/edit/"

    response = client.get(path)

    if outcome == ALLOWED:
        assert response.status_code == 200
        assert shows(response, "Edit Agency A")
        assert shows(response, "Researches child trafficking in South-Eastern Europe.")
    else:
        assert_refused(response, outcome, path)


@pytest.mark.parametrize(("actor", "outcome"), MANAGE)
def test_organization_edit_post_by_role(client, org_a, actor, actor_user, outcome):
    path = "/members/agency-a/edit/"
    data = {
        "name": "Agency A",
        "acronym": "AA",
        "kind": OrganizationKind.RESEARCH,
        "headquarters_country": "NO",
        "countries": ["NO", "SE"],
        "mandate": "Maps data on child trafficking around the Baltic Sea.",
        "website": "https://agency-a.example.org/",
    }

    response = client.post(path, data)

    org_a.refresh_from_db()
    if outcome == ALLOWED:
        assert response.status_code == 302
        assert response["Location"] == "/members/agency-a/"
        assert org_a.mandate == "Maps data on child trafficking around the Baltic Sea."
        assert org_a.acronym == "AA"
        assert org_a.kind == OrganizationKind.RESEARCH
        assert [c.code for c in org_a.countries] == ["NO", "SE"]
        page = client.get("/members/agency-a/")
        assert shows(page, "The organization's profile is saved.")
        assert shows(page, "Maps data on child trafficking around the Baltic Sea.")
    else:
        assert_refused(response, outcome, path)
        assert org_a.mandate == "Researches child trafficking in South-Eastern Europe."
        assert org_a.acronym == ""
        assert org_a.kind == OrganizationKind.NGO
        assert [c.code for c in org_a.countries] == ["AL", "MD"]


# --- Deciding requests to join ---------------------------------------------------------------


@pytest.mark.parametrize("decision", ["approve", "decline"])
@pytest.mark.parametrize(("actor", "outcome"), MANAGE)
def test_membership_request_decision_by_role(client, org_a, actor, actor_user, outcome, decision):
    path = "/members/agency-a/requests/"
    requester = UserFactory(display_name="Lena Ivanova")
    join_request = MembershipRequestFactory(user=requester, organization=org_a)

    response = client.post(path, {"request": join_request.pk, "decision": decision})

    join_request.refresh_from_db()
    joined = Membership.objects.filter(user=requester, organization=org_a)
    if outcome == ALLOWED:
        assert response.status_code == 302
        assert response["Location"] == path
        verb = "approved" if decision == "approve" else "declined"
        assert join_request.status == verb
        assert join_request.decided_by == actor_user
        assert joined.exists() is (decision == "approve")
        assert shows(client.get(path), f"The request from Lena Ivanova is {verb}.")
    else:
        assert_refused(response, outcome, path)
        assert join_request.status == RequestStatus.PENDING
        assert join_request.decided_by is None
        assert not joined.exists()


@pytest.mark.parametrize(("actor", "outcome"), MANAGE)
def test_membership_requests_page_by_role(client, org_a, actor, actor_user, outcome):
    path = "/members/agency-a/requests/"
    MembershipRequestFactory(
        user=UserFactory(display_name="Lena Ivanova"), organization=org_a, message="I run surveys."
    )

    response = client.get(path)

    if outcome == ALLOWED:
        assert response.status_code == 200
        assert shows(response, "Requests to join Agency A")
        assert shows(response, "Lena Ivanova")
        assert shows(response, "I run surveys.")
    else:
        assert_refused(response, outcome, path)


# --- Inviting colleagues ---------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "outcome"), MANAGE)
def test_invite_page_by_role(client, org_a, actor, actor_user, outcome):
    path = "/members/agency-a/invite/"
    pending = InvitationFactory(organization=org_a, email="waiting@example.org")

    response = client.get(path)

    if outcome == ALLOWED:
        assert response.status_code == 200
        assert shows(response, "Invite colleagues to Agency A")
        assert shows(response, pending.email)
    else:
        assert_refused(response, outcome, path)
        if outcome == DENIED:
            assert not shows(response, pending.email)


@pytest.mark.parametrize(("actor", "outcome"), MANAGE)
def test_invite_post_by_role(client, org_a, actor, actor_user, outcome):
    path = "/members/agency-a/invite/"

    response = client.post(path, {"email": "new.colleague@example.org"})

    invitations = Invitation.objects.filter(organization=org_a)
    if outcome == ALLOWED:
        assert response.status_code == 302
        assert response["Location"] == path
        invitation = invitations.get()
        assert invitation.email == "new.colleague@example.org"
        assert invitation.invited_by == actor_user
        assert invitation.status == InvitationStatus.PENDING
        assert shows(client.get(path), "An invitation is on its way to new.colleague@example.org.")
    else:
        assert_refused(response, outcome, path)
        assert invitations.count() == 0


def test_invite_to_applicant_organization_refused_even_for_its_focal_point(client, db):
    organization = OrganizationFactory(slug="applying", status=OrganizationStatus.APPLICANT)
    focal = MembershipFactory(organization=organization, role=MembershipRole.FOCAL_POINT).user
    client.force_login(focal)

    response = client.post("/members/applying/invite/", {"email": "someone@example.org"})

    assert response.status_code == 404
    assert Invitation.objects.count() == 0


# --- Naming the alternate --------------------------------------------------------------------


@pytest.mark.parametrize(("actor", "outcome"), NAME_ALTERNATE)
def test_name_alternate_by_role(client, org_a, actor, actor_user, outcome):
    path = "/members/agency-a/alternate/"
    candidate = MembershipFactory(organization=org_a, user__display_name="Sami Okafor").user

    response = client.post(path, {"user": candidate.pk})

    role = Membership.objects.get(user=candidate, organization=org_a).role
    if outcome == ALLOWED:
        assert response.status_code == 302
        assert response["Location"] == "/members/agency-a/requests/"
        assert role == MembershipRole.ALTERNATE
        page = client.get("/members/agency-a/requests/")
        assert shows(page, "Sami Okafor is now the alternate focal point.")
    else:
        assert_refused(response, outcome, path)
        assert role == MembershipRole.MEMBER
    # Whoever asked, there is never more than one alternate.
    assert Membership.objects.filter(organization=org_a, role=MembershipRole.ALTERNATE).count() <= 1


def test_alternate_naming_demotes_the_alternate_who_asked_nothing(client, org_a, alternate_a):
    """When the focal point names a new alternate, the old one becomes a plain member."""
    focal = MembershipFactory(organization=org_a, role=MembershipRole.FOCAL_POINT).user
    candidate = MembershipFactory(organization=org_a).user
    client.force_login(focal)

    client.post("/members/agency-a/alternate/", {"user": candidate.pk})

    roles = dict(Membership.objects.filter(organization=org_a).values_list("user_id", "role"))
    assert roles == {
        focal.pk: MembershipRole.FOCAL_POINT,
        alternate_a.pk: MembershipRole.MEMBER,
        candidate.pk: MembershipRole.ALTERNATE,
    }


# --- Seeing people ---------------------------------------------------------------------------

SEE, HIDE = 200, 404
VIEWERS = [ANONYMOUS, PLAIN, "applicant_member", MEMBER_A, FOCAL_A, FOCAL_B, ALTERNATE_A, STAFF]
PERSON_MATRIX = [
    # Public people: everybody.
    *[(actor, Visibility.PUBLIC, SEE) for actor in VIEWERS],
    # Members-only people: whoever belongs to a member organization, and staff.
    (ANONYMOUS, Visibility.MEMBERS, HIDE),
    (PLAIN, Visibility.MEMBERS, HIDE),
    ("applicant_member", Visibility.MEMBERS, HIDE),
    (MEMBER_A, Visibility.MEMBERS, SEE),
    (FOCAL_A, Visibility.MEMBERS, SEE),
    (FOCAL_B, Visibility.MEMBERS, SEE),
    (ALTERNATE_A, Visibility.MEMBERS, SEE),
    (STAFF, Visibility.MEMBERS, SEE),
    # Hidden people: nobody but themselves, staff included.
    *[(actor, Visibility.HIDDEN, HIDE) for actor in VIEWERS],
]


@pytest.mark.parametrize(("actor", "visibility", "expected"), PERSON_MATRIX)
def test_person_page_by_viewer_and_visibility(
    client, org_a, actor, actor_user, visibility, expected
):
    person = MembershipFactory(
        organization=org_a,
        user__display_name="Mira Novak",
        user__bio="Studies data collection on child trafficking.",
        user__visibility=visibility,
    ).user

    response = client.get(f"/members/people/{person.pk}/")

    assert response.status_code == expected
    if expected == SEE:
        assert shows(response, "Mira Novak")
        assert shows(response, "Studies data collection on child trafficking.")
        assert shows(response, "Agency A")
    else:
        assert shows(response, "Page not found")
        assert not shows(response, "Mira Novak")
        assert not shows(response, "Studies data collection")


@pytest.mark.parametrize("visibility", [Visibility.HIDDEN, Visibility.MEMBERS])
def test_person_page_own_always_visible(client, db, visibility):
    person = UserFactory(display_name="Mira Novak", visibility=visibility)
    client.force_login(person)

    response = client.get(f"/members/people/{person.pk}/")

    assert response.status_code == 200
    assert shows(response, "Mira Novak")
    assert shows(response, "Edit your profile")


def test_person_page_inactive_public_person_not_found(client, plain_user):
    person = UserFactory(display_name="Gone Person", visibility=Visibility.PUBLIC, is_active=False)
    client.force_login(plain_user)

    response = client.get(f"/members/people/{person.pk}/")

    assert response.status_code == 404
    assert not shows(response, "Gone Person")


# --- The secretariat's review of applications in the Wagtail admin ---------------------------


@pytest.fixture
def application(db):
    applicant = UserFactory(email="amira@ccdr.example")
    return OrganizationFactory(
        name="Centre for Child Data Research",
        slug="ccdr",
        status=OrganizationStatus.APPLICANT,
        applied_by=applicant,
        mandate="Builds comparable datasets on child trafficking.",
    )


@pytest.fixture
def wagtail_editor(db):
    """May use the Wagtail admin (an editor) but is not the secretariat."""
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    # Editors must use two-factor authentication (members.needs_mfa) before the admin.
    return with_totp(user)


# (actor, where a refused request is sent)
ADMIN_REFUSED = [
    (ANONYMOUS, "/accounts/login/?next="),
    (PLAIN, "/accounts/login/?next="),
    (FOCAL_A, "/accounts/login/?next="),
    ("wagtail_editor", "/admin/"),
]


@pytest.mark.parametrize(("actor", "sent_to"), ADMIN_REFUSED)
@pytest.mark.parametrize("path", ["/admin/applications/", "/admin/applications/{pk}/"])
def test_applications_admin_get_refused_to_non_staff(
    client, application, actor, actor_user, sent_to, path
):
    path = path.format(pk=application.pk)

    response = client.get(path)

    assert response.status_code == 302
    expected = sent_to + path if sent_to.endswith("next=") else sent_to
    assert response["Location"] == expected
    assert not shows(response, "Centre for Child Data Research")


@pytest.mark.parametrize(("actor", "sent_to"), ADMIN_REFUSED)
@pytest.mark.parametrize("action", ["admit", "decline"])
def test_applications_admin_decision_refused_to_non_staff(
    client, application, actor, actor_user, sent_to, action
):
    path = f"/admin/applications/{application.pk}/"

    response = client.post(path, {"action": action, "reason": "Looks fine."})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == OrganizationStatus.APPLICANT
    assert application.decided_by is None
    assert application.decision_reason == ""
    assert not Membership.objects.filter(organization=application).exists()


def test_applications_admin_index_lists_pending_for_staff(client, application, staff):
    OrganizationFactory(name="Already Member Agency")
    client.force_login(staff)

    response = client.get("/admin/applications/")

    assert response.status_code == 200
    assert shows(response, "Centre for Child Data Research")
    assert shows(response, "amira@ccdr.example")
    assert not shows(response, "Already Member Agency")


def test_applications_admin_staff_admits(client, application, staff):
    client.force_login(staff)
    path = f"/admin/applications/{application.pk}/"

    page = client.get(path)
    response = client.post(path, {"action": "admit", "reason": ""})

    assert page.status_code == 200
    assert shows(page, "Builds comparable datasets on child trafficking.")
    assert response.status_code == 302
    assert response["Location"] == "/admin/applications/"
    application.refresh_from_db()
    assert application.status == OrganizationStatus.MEMBER
    assert application.decided_by == staff
    membership = Membership.objects.get(organization=application)
    assert membership.user.email == "amira@ccdr.example"
    assert membership.role == MembershipRole.FOCAL_POINT
    assert shows(client.get("/admin/applications/"), "No application is waiting.")


def test_applications_admin_staff_declines_with_reason(client, application, staff):
    client.force_login(staff)

    response = client.post(
        f"/admin/applications/{application.pk}/",
        {"action": "decline", "reason": "Not a research organization."},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == OrganizationStatus.DECLINED
    assert application.decision_reason == "Not a research organization."
    assert not Membership.objects.filter(organization=application).exists()


# --- Staff must use two-factor authentication ------------------------------------------------


@pytest.fixture
def staff_without_totp(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize("path", ["/members/", "/members/agency-a/edit/", "/admin/applications/"])
def test_staff_without_totp_sent_to_totp_setup(client, org_a, staff_without_totp, path):
    client.force_login(staff_without_totp)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp") == "/accounts/2fa/totp/activate/"


def test_staff_without_totp_cannot_admit(client, application, staff_without_totp):
    client.force_login(staff_without_totp)

    response = client.post(f"/admin/applications/{application.pk}/", {"action": "admit"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    application.refresh_from_db()
    assert application.status == OrganizationStatus.APPLICANT
    assert not Membership.objects.filter(organization=application).exists()


def test_staff_without_totp_can_reach_totp_setup(client, staff_without_totp):
    client.force_login(staff_without_totp)

    response = client.get("/accounts/2fa/totp/activate/")
    confirm = client.get(response["Location"])

    # allauth asks for the password again before a new authenticator; the middleware lets
    # both pages through instead of sending them round in a loop.
    assert response.status_code == 302
    assert response["Location"] == (
        "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    assert confirm.status_code == 200
    assert 'name="password"' in confirm.content.decode()


def test_superuser_has_perm_follows_the_rules_for_hidden_people(db):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    hidden = UserFactory(visibility=Visibility.HIDDEN)
    assert superuser.has_perm("members.view_person", hidden) is False
    assert hidden.has_perm("members.view_person", hidden) is True
    # Permissions our rules do not define keep Django's superuser behaviour (Wagtail's own).
    assert superuser.has_perm("wagtailadmin.access_admin") is True
