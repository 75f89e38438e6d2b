"""The notice journey in Chromium (issue 16): the secretariat sends a notice to three
organizations, two focal points acknowledge it from their desks, the notice shows 2 of 3, and
the third is reminded by email (and only the third)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from members.enums import MembershipRole
from tests.browser.conftest import (  # noqa: F401 (fixtures)
    _allow_orm_under_playwright,
    browser,
    home_page,
    new_page,
    screenshot,
    site_url,
    staff_with_totp,
)
from tests.browser.test_projects_journey import sign_in
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_notice_journey(new_page, home_page, staff_with_totp, screenshot):  # noqa: F811
    staff, secret = staff_with_totp
    people = {}
    for name, email in (
        ("Accra Child Rights", "focal@accra.example"),
        ("Bamako Research Centre", "focal@bamako.example"),
        ("Cotonou Data Lab", "focal@cotonou.example"),
    ):
        organization = OrganizationFactory(name=name)
        person = UserFactory(email=email, display_name=f"Focal point of {name}")
        MembershipFactory(user=person, organization=organization, role=MembershipRole.FOCAL_POINT)
        people[name] = person

    # The secretariat sends the notice.
    secretariat = new_page()
    sign_in(secretariat, staff.email, secret)
    secretariat.goto("/notices/new/")
    secretariat.get_by_label("Title").fill("Convocation of the 2027 meeting")
    secretariat.get_by_label("Text (Markdown)").fill("The meeting is in **Accra**.")
    secretariat.get_by_label("Or these organizations").select_option(list(people))
    due = timezone.localtime() + timedelta(days=10)
    secretariat.get_by_label("Acknowledge by").fill(due.strftime("%Y-%m-%dT%H:%M"))
    mail.outbox.clear()
    secretariat.get_by_role("button", name="Send", exact=True).click()
    expect(secretariat.locator("main")).to_contain_text("0 of 3 organizations acknowledged")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people.values())
    notice_url = secretariat.url

    # Two focal points acknowledge it from their desks.
    for name in ("Accra Child Rights", "Bamako Research Centre"):
        page = new_page()
        sign_in(page, people[name].email)
        page.goto("/desk/")
        expect(page.get_by_role("heading", name=name)).to_be_visible()
        screenshot(page, f"desk/{name[:5].lower()}-desk")
        page.get_by_role("button", name="Acknowledge: Convocation of the 2027 meeting").click()
        expect(page.locator("main")).to_contain_text("Acknowledged for your organization.")
        page.goto("/desk/")
        done = page.locator(".desk-done")
        expect(done).to_contain_text("Convocation of the 2027 meeting")
        expect(page.get_by_role("button", name=re.compile("Acknowledge:"))).to_have_count(0)

    # The notice shows 2 of 3; the secretariat reminds the third, and only the third.
    secretariat.goto(notice_url)
    expect(secretariat.locator("main")).to_contain_text("2 of 3 organizations acknowledged")
    mail.outbox.clear()
    secretariat.get_by_role("button", name="Remind the others").click()
    expect(secretariat.locator("main")).to_contain_text("Reminders sent: 1.")
    assert [m.to for m in mail.outbox] == [[people["Cotonou Data Lab"].email]]
    screenshot(secretariat, "desk/notice-2-of-3")
