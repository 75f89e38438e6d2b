"""The Wagtail admin works under the site's strict Content-Security-Policy (`script-src
'self'`, no inline script) in Chromium: the secretariat edits an event, adding a session in
its InlinePanel with the date-time picker, publishes it, and opens a document chooser. The
`new_page` fixture fails the test on any CSP violation; page errors fail it here."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from events.models import EventPage
from tests.browser.test_events import sign_in
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.projects import ProjectOutputFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_admin_edits_an_inline_panel_under_the_strict_policy(new_page, home_page, staff_with_totp):
    staff, secret = staff_with_totp
    start = datetime(2031, 5, 12, 7, 0, tzinfo=UTC)  # 09:00 in Rome
    event = EventPageFactory(
        title="Data sharing workshop", start=start, end=start + timedelta(hours=9)
    )
    SessionFactory(page=event, title="Opening")
    output = ProjectOutputFactory(title="Baseline report")

    admin = new_page()
    errors = []
    admin.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(admin, staff.email, secret)

    response = admin.goto(f"/admin/pages/{event.pk}/edit/")
    policy = response.headers["content-security-policy"]
    # Directives in any order (django-csp does not fix one).
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"

    # The InlinePanel adds a form; its date-time picker opens (both started by admin-init.js).
    admin.get_by_role("button", name="Add session").click()
    expect(admin.locator("#id_sessions-1-kind")).to_be_visible()
    admin.locator("#id_sessions-1-kind").select_option("working_group")
    admin.locator("#id_sessions-1-title").fill("Sharing agreements")
    admin.locator("#id_sessions-1-start").click()
    expect(admin.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    admin.locator("#id_sessions-1-start").fill("2031-05-12 10:30")
    admin.locator("#id_sessions-1-end").fill("2031-05-12 12:00")
    admin.keyboard.press("Escape")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Publish").click()
    expect(admin.locator(".error-message")).to_have_count(0)
    expect(admin.locator("body")).to_contain_text("published")
    titles = EventPage.objects.get(pk=event.pk).sessions.values_list("title", flat=True)
    assert sorted(titles) == ["Opening", "Sharing agreements"]

    # A document chooser opens its modal.
    admin.goto(f"/admin/project_outputs/edit/{output.pk}/")
    admin.get_by_role("button", name=re.compile("Choose a document", re.I)).click()
    expect(admin.locator(".modal-dialog")).to_be_visible()
    expect(admin.locator(".modal-dialog")).to_contain_text(re.compile("document", re.I))

    assert errors == []
