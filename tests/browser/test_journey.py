"""The member journey, end to end in Chromium: sign up, apply, admission by the secretariat
in the Wagtail admin (with two-factor sign-in), the focal point's first edits and
invitation, and a colleague joining through it. Plus an anonymous visitor's tour."""

import re
import time

import pytest
from playwright.sync_api import expect

from members.enums import MembershipRole, OrganizationKind, OrganizationStatus
from members.models import Organization
from tests.factories import PASSWORD, OrganizationFactory

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must really be committed.
    # serialized_rollback restores what migrations put in the database (Wagtail's root
    # page, default site and locale), which transactional tests flush on the way out.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

APPLICANT = "amira.haddad@cdr-institute.example"
COLLEAGUE = "jonas.berg@cdr-institute.example"
ORG_NAME = "Centre for Child Data Research"
ORG_ACRONYM = "CCDR"


def emailed_link(to, path_pattern, *, wait=5.0):
    """The first link with `path_pattern` in the newest email sent to `to`. The locmem
    outbox is shared with the live server, which runs in this process."""
    from django.core import mail

    regex = re.compile(r"https?://[^\s<>\"']*" + path_pattern + r"[^\s<>\"']*")
    deadline = time.monotonic() + wait
    while True:
        for message in reversed(getattr(mail, "outbox", [])):
            if to in message.to and (found := regex.search(message.body)):
                return found.group(0)
        if time.monotonic() > deadline:
            sent = [(m.to, m.subject) for m in getattr(mail, "outbox", [])]
            raise AssertionError(f"No email to {to} with a link to {path_pattern!r}: {sent}")
        time.sleep(0.05)


def totp_code(secret):
    """The authenticator app's code for this moment, computed the way allauth checks it."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    # With the default MFA_TOTP_TOLERANCE of 0 only this period's code passes: do not hand over a
    # code that expires before the server checks it.
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left + 0.1)
    counters = list(yield_hotp_counters_from_time())  # now - tolerance .. now + tolerance
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def sign_up_and_verify(page, email):
    """Sign up through allauth, then confirm the address from the emailed link."""
    if "/accounts/signup/" not in page.url:
        page.goto("/accounts/signup/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.locator("main")).to_contain_text(email)

    page.goto(emailed_link(email, "/accounts/confirm-email/"))
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()
    # Signed in straight away (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION).
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_member_journey(new_page, home_page, staff_with_totp, screenshot):
    staff, secret = staff_with_totp

    # 1. A new person signs up and verifies their address.
    applicant = new_page()
    sign_up_and_verify(applicant, APPLICANT)

    # 2. They apply to register their organization.
    applicant.goto("/members/apply/")
    expect(applicant.get_by_role("heading", level=1)).to_have_text(
        "Apply to register an organization"
    )
    form = applicant.locator("main form")
    form.get_by_label(re.compile(r"^Name:?$")).fill(ORG_NAME)
    form.get_by_label("Acronym").fill(ORG_ACRONYM)
    form.get_by_label("Kind").select_option(label="Research / academic")
    form.get_by_label("Headquarters country").select_option("NO")
    form.get_by_label("Countries of work").select_option(["AL", "MD", "RO"])
    form.get_by_label("Mandate").fill("Builds comparable data on child trafficking in Europe.")
    form.get_by_label("Website").fill("https://ccdr.example.org")
    screenshot(applicant, "apply-form")
    form.get_by_role("button", name="Send application").click()

    expect(applicant).to_have_url(re.compile(r"/members/profile/$"))
    expect(applicant.get_by_role("status")).to_contain_text(
        f"The network secretariat will review the application for {ORG_NAME}"
    )
    expect(applicant.locator("main")).to_contain_text(f"{ORG_NAME} — waiting for the secretariat")
    organization = Organization.objects.get(name=ORG_NAME)
    assert organization.status == OrganizationStatus.APPLICANT
    assert organization.countries == ["AL", "MD", "RO"]  # CountryField compares by code

    # 3. The secretariat admits it in the Wagtail admin, signing in with TOTP.
    secretariat = new_page()
    secretariat.goto("/admin/applications/")
    expect(secretariat).to_have_url(re.compile(r"/accounts/login/"))
    secretariat.locator("#id_login").fill(staff.email)
    secretariat.locator("#id_password").fill(PASSWORD)
    secretariat.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(secretariat).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    secretariat.locator("#id_code").fill(totp_code(secret))
    secretariat.get_by_role("button", name=re.compile("sign in", re.I)).click()

    expect(secretariat).to_have_url(re.compile(r"/admin/applications/$"))
    application = secretariat.get_by_role("link", name=f"{ORG_NAME} ({ORG_ACRONYM})")
    expect(application).to_be_visible()
    screenshot(secretariat, "admin-applications")
    application.click()
    expect(secretariat.locator("main")).to_contain_text(APPLICANT)
    secretariat.get_by_role("button", name="Admit as member").click()
    expect(secretariat).to_have_url(re.compile(r"/admin/applications/$"))
    expect(secretariat.get_by_text(f"{ORG_NAME} is admitted as a member.")).to_be_visible()
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.MEMBER

    # 4. The applicant, now focal point, follows the admission email to the public page.
    org_url = emailed_link(APPLICANT, f"/members/{organization.slug}/")
    applicant.goto(org_url)
    expect(applicant.get_by_role("heading", level=1)).to_contain_text(ORG_NAME)
    expect(applicant.locator("main")).to_contain_text("Focal point")

    applicant.get_by_role("link", name="Edit profile").click()
    new_mandate = "Builds comparable, disaggregated data on child trafficking in Europe."
    applicant.get_by_label("Mandate").fill(new_mandate)
    applicant.get_by_role("button", name="Save profile").click()
    expect(applicant).to_have_url(org_url)
    expect(applicant.get_by_role("status")).to_contain_text("profile is saved")
    expect(applicant.locator("main")).to_contain_text(new_mandate)

    applicant.get_by_role("link", name="Invite colleagues").click()
    applicant.get_by_label("Colleague's email address").fill(COLLEAGUE)
    applicant.get_by_role("button", name="Send invitation").click()
    expect(applicant.get_by_role("status")).to_contain_text(f"on its way to {COLLEAGUE}")
    expect(applicant.get_by_role("table")).to_contain_text(COLLEAGUE)

    # 5. The colleague follows the emailed invitation, signs up from it with the invited
    #    address, is brought back to it once verified, accepts, and names themselves.
    colleague = new_page()
    invitation_url = emailed_link(COLLEAGUE, "/members/invitations/")
    colleague.goto(invitation_url)
    expect(colleague.get_by_role("heading", level=1)).to_have_text(f"Join {ORG_NAME}")
    colleague.get_by_role("main").get_by_role("link", name="Sign up").click()
    sign_up_and_verify(colleague, COLLEAGUE)
    expect(colleague).to_have_url(invitation_url)
    colleague.get_by_role("button", name=f"Accept and join {ORG_NAME}").click()
    expect(colleague).to_have_url(org_url)
    expect(colleague.get_by_role("status")).to_contain_text(f"Welcome to {ORG_NAME}.")
    people = colleague.locator("h2:text-is('People') + ul")
    expect(people).to_contain_text("jonas.berg")  # no display name yet: the address's name

    colleague.get_by_role("navigation", name="Account").get_by_role(
        "link", name="jonas.berg"
    ).click()
    expect(colleague).to_have_url(re.compile(r"/members/profile/$"))
    expect(colleague.locator("main")).to_contain_text(f"{ORG_NAME} — Member")
    colleague.get_by_label("Display name").fill("Jonas Berg")
    colleague.get_by_role("button", name="Save profile").click()
    expect(colleague.get_by_role("status")).to_contain_text("Your profile is saved.")
    colleague.get_by_role("link", name=ORG_NAME).click()
    expect(people).to_contain_text("Jonas Berg")

    # The focal point sees the new colleague on the page too.
    applicant.goto(org_url)
    expect(applicant.locator("h2:text-is('People') + ul")).to_contain_text("Jonas Berg")
    roles = dict(organization.memberships.values_list("user__email", "role"))
    assert roles == {APPLICANT: MembershipRole.FOCAL_POINT, COLLEAGUE: MembershipRole.MEMBER}


def test_visitor_browses_the_directory(new_page, home_page, screenshot):
    OrganizationFactory(
        name="UNICEF Innocenti",
        acronym="IRC",
        slug="unicef-innocenti",
        kind=OrganizationKind.UN_AGENCY,
    )
    OrganizationFactory(
        name="International Organization for Migration",
        acronym="IOM",
        slug="iom",
        kind=OrganizationKind.INTERGOVERNMENTAL,
    )
    OrganizationFactory(name="Save the Children", slug="save-the-children")

    page = new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot(page, "home")

    page.get_by_role("main").get_by_role("link", name="Member directory").click()
    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.locator(".card h2")).to_have_count(3)
    screenshot(page, "directory")

    page.get_by_label("Kind").select_option(label="UN agency")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"kind=un_agency"))
    expect(page.locator(".card h2")).to_have_text(["UNICEF Innocenti"])

    page.get_by_role("link", name="UNICEF Innocenti").click()
    expect(page).to_have_url(re.compile(r"/members/unicef-innocenti/$"))
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_contain_text("UNICEF Innocenti")
    screenshot(page, "organization")
    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_have_attribute("href", "#main")
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()


def test_pages_fit_a_phone_screen(new_page, home_page, screenshot):
    """At 375 px nothing makes the whole page scroll sideways: wide tables scroll in their own
    box (.table-scroll), and the rest wraps."""
    from tests.factories.gaps import DataGapFactory

    organization = OrganizationFactory(name="Balkan Child Data Institute", slug="bcdi")
    for n in range(3):
        DataGapFactory(reported_by=organization, title=f"Missing disaggregation by age {n}")
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    wide = {}
    for path in ("/", "/members/", "/gaps/", "/projects/", "/library/", "/events/", "/agenda/"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[path] = width
    screenshot(page, "phone-agenda")
    page.goto("/gaps/")
    screenshot(page, "phone-gaps")
    assert wide == {}
