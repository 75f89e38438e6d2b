"""The project join journey in Chromium: a lead proposes a project, opens it for
recruiting with a role, a researcher from another organization asks to join, the lead
accepts, and the new member sees the team-only fields."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from members.enums import MembershipRole
from projects.enums import JoinRequestStatus, ProjectStatus
from projects.models import JoinRequest, ResearchProject
from tests.browser.test_journey import totp_code
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Children exploited in begging in the Baltic Sea region"
NOTES = "Ethics board meets on the first Monday. TEAM-NOTE-CANARY"


def sign_in(page, email, secret=None):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    if secret:
        page.locator("#id_code").fill(totp_code(secret))
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_project_join_journey(new_page, home_page, screenshot):
    lead_org = OrganizationFactory(name="Baltic Child Research", slug="baltic-child-research")
    other_org = OrganizationFactory(name="Tallinn Data Lab", slug="tallinn-data-lab")
    lead = UserFactory(email="lead@baltic.example", display_name="Liis Tamm")
    researcher = UserFactory(email="researcher@tallinn.example", display_name="Mart Kask")
    MembershipFactory(user=lead, organization=lead_org, role=MembershipRole.FOCAL_POINT)
    MembershipFactory(user=researcher, organization=other_org)

    # The lead proposes the project: a draft only the team sees.
    lead_page = new_page()
    # A project lead must sign in with a second factor (members.needs_mfa).
    secret = generate_totp_secret()
    TOTP.activate(lead, secret)
    sign_in(lead_page, lead.email, secret)
    lead_page.get_by_role("link", name="Projects", exact=True).click()
    lead_page.get_by_role("link", name="Propose a project").click()
    lead_page.get_by_label("Title").fill(TITLE)
    lead_page.get_by_label("Summary").fill("How children are exploited in begging.")
    lead_page.get_by_label("Forms of exploitation").check()
    lead_page.locator("#id_lead_organization").select_option(label="Baltic Child Research")
    lead_page.get_by_label("Internal notes").fill(NOTES)
    lead_page.get_by_role("button", name="Save as draft").click()
    expect(lead_page.locator("h1")).to_have_text(TITLE)
    expect(lead_page.locator("main")).to_contain_text("A draft: only its team sees it.")
    project = ResearchProject.objects.get(title=TITLE)

    # Proposed, then recruiting, with a role on offer.
    for status in ("Proposed", "Recruiting"):
        lead_page.get_by_role("link", name="Change status").click()
        lead_page.get_by_label("New status").select_option(label=status)
        lead_page.get_by_label("Why").fill(f"Ready to be {status.lower()}.")
        lead_page.get_by_role("button", name="Change status").click()
        expect(lead_page.locator("main")).to_contain_text(f"The project is now {status}.")
    lead_page.get_by_role("link", name="Open a role").click()
    lead_page.get_by_label("Title").fill("A researcher with Estonian, 6 months")
    lead_page.get_by_role("button", name="Open the role").click()
    expect(lead_page.locator("main")).to_contain_text("A researcher with Estonian, 6 months")
    screenshot(lead_page, "project-recruiting")

    # A researcher from another organization asks to join for that role.
    member_page = new_page()
    sign_in(member_page, researcher.email)
    member_page.goto(f"/projects/{project.slug}/")
    expect(member_page.locator("main")).not_to_contain_text("TEAM-NOTE-CANARY")
    member_page.get_by_label("Role applied for").select_option(
        label="A researcher with Estonian, 6 months"
    )
    member_page.get_by_label("Message to the project's leads").fill("I speak Estonian.")
    member_page.get_by_role("button", name="Ask to join").click()
    expect(member_page.locator("main")).to_contain_text("Your request is with the project's leads.")

    # The lead sees the request and accepts it.
    lead_page.goto("/projects/mine/")
    expect(lead_page.locator("main")).to_contain_text("Mart Kask asks to join")
    lead_page.goto(f"/projects/{project.slug}/")
    expect(lead_page.locator("main")).to_contain_text("I speak Estonian.")
    lead_page.get_by_label("Note to the applicant").fill("Welcome to the team.")
    lead_page.get_by_role("button", name="Accept", exact=True).click()
    expect(lead_page.locator("main")).to_contain_text("The request from Mart Kask is accepted.")

    # The new member now sees the team-only fields.
    member_page.reload()
    expect(member_page.locator("main")).to_contain_text("TEAM-NOTE-CANARY")
    screenshot(member_page, "project-member-view")
    assert JoinRequest.objects.get().status == JoinRequestStatus.ACCEPTED
    assert ResearchProject.objects.get().status == ProjectStatus.RECRUITING
