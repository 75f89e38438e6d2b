"""Issue 17's journey in Chromium: organizers circulate minutes, two attending organizations
sign off (one asks for a change), the organizers revise, both approve, the minutes go final
and locked, an action point recorded from them shows on the responsible organization's
desk, its focal point marks it done with a note, and the register shows it done with its
history."""

import re
from datetime import timedelta

import pytest
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
)
from tests.browser.test_projects_journey import sign_in
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.events import EventPageFactory, RegistrationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def answer(page, url, choice, comment=""):
    page.goto(url)
    page.get_by_label(choice).check()
    if comment:
        page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator("main")).to_contain_text("Your answer is recorded.")


def test_minutes_sign_off_to_action_point_done(new_page, home_page, screenshot):  # noqa: F811
    host = OrganizationFactory(name="Council Secretariat Unit", slug="council-unit")
    baltic = OrganizationFactory(name="Baltic Child Research", slug="baltic-child-research")
    tallinn = OrganizationFactory(name="Tallinn Data Lab", slug="tallinn-data-lab")
    organizer = UserFactory(email="organizer@council.example", display_name="Oda Berg")
    focal_baltic = UserFactory(email="focal@baltic.example", display_name="Liis Tamm")
    focal_tallinn = UserFactory(email="focal@tallinn.example", display_name="Mart Kask")
    MembershipFactory(user=organizer, organization=host, role=MembershipRole.FOCAL_POINT)
    MembershipFactory(user=focal_baltic, organization=baltic, role=MembershipRole.FOCAL_POINT)
    MembershipFactory(user=focal_tallinn, organization=tallinn, role=MembershipRole.FOCAL_POINT)
    event = EventPageFactory(
        title="Expert meeting on data", slug="expert-meeting", organizers=[host]
    )
    RegistrationFactory(event=event, user=focal_baltic, organization=baltic)
    RegistrationFactory(event=event, user=focal_tallinn, organization=tallinn)

    # The organizers draft the minutes and circulate them.
    org_page = new_page()
    sign_in(org_page, organizer.email)
    org_page.goto("/events/expert-meeting/manage/outputs/")
    org_page.get_by_role("link", name=re.compile("Draft minutes here")).click()
    org_page.get_by_label("Title").fill("Minutes of the expert meeting")
    org_page.get_by_label("Minutes").fill("The meeting agreed on a shared survey of data gaps.")
    org_page.get_by_role("button", name="Save").click()
    expect(org_page.locator("main")).to_contain_text("The minutes are drafted.")
    minutes_url = org_page.url
    org_page.get_by_role("button", name="Circulate for sign-off").click()
    expect(org_page.locator("#minutes-status")).to_have_text("Circulated for sign-off")

    # Baltic's focal point finds the request on the desk and approves.
    baltic_page = new_page()
    sign_in(baltic_page, focal_baltic.email)
    baltic_page.goto("/desk/")
    expect(baltic_page.locator("main")).to_contain_text("Minutes to sign off")
    baltic_page.get_by_role("link", name="Minutes of the expert meeting").click()
    answer(baltic_page, baltic_page.url, "Approve")

    # Tallinn's asks for a change.
    tallinn_page = new_page()
    sign_in(tallinn_page, focal_tallinn.email)
    answer(tallinn_page, minutes_url, "Ask for a change", "Name the survey's languages.")
    screenshot(tallinn_page, "minutes/01-change-asked")

    # The organizers revise, with a reason: both are asked again.
    org_page.goto(minutes_url)
    expect(org_page.locator("main")).to_contain_text("Name the survey's languages.")
    org_page.get_by_role("link", name="Revise the minutes").click()
    org_page.get_by_label("Minutes").fill(
        "The meeting agreed on a shared survey of data gaps, in English and Russian."
    )
    org_page.get_by_label("Reason for the change").fill("Tallinn Data Lab asked for the languages.")
    org_page.get_by_role("button", name="Save").click()
    expect(org_page.locator("main")).to_contain_text("The new revision is saved.")

    answer(baltic_page, minutes_url, "Approve")
    answer(tallinn_page, minutes_url, "Approve")
    expect(tallinn_page.locator("#minutes-status")).to_have_text("Agreed")
    expect(tallinn_page.locator("#agreed-how")).to_contain_text(
        "Every attending organization approved them."
    )
    rows = tallinn_page.locator("table tbody tr td:first-child")
    expect(rows).to_have_text(["Baltic Child Research", "Tallinn Data Lab"])

    # The organizers publish: final and locked.
    org_page.goto(minutes_url)
    org_page.get_by_label(re.compile("final minutes are locked")).check()
    org_page.get_by_role("button", name="Publish as final").click()
    expect(org_page.locator("#minutes-status")).to_have_text("Final")
    expect(org_page.locator("main")).to_contain_text("Final and locked")
    expect(org_page.get_by_role("button", name="Send the answer")).to_have_count(0)
    screenshot(org_page, "minutes/02-final")

    # An action point from them, Baltic responsible, due in two weeks.
    org_page.get_by_role("link", name=re.compile("Record a decision or an action point")).click()
    org_page.get_by_label("Kind").select_option("action_point")
    org_page.get_by_label("Text").fill("Circulate the survey questionnaire to the partners")
    org_page.get_by_label("Baltic Child Research").check()
    due = timezone.localdate() + timedelta(days=14)
    org_page.get_by_label("Due date").fill(due.isoformat())
    org_page.get_by_role("button", name="Record").click()
    expect(org_page.locator("main")).to_contain_text("its minutes “Minutes of the expert meeting”")

    # It is on Baltic's desk; its focal point marks it done with a note.
    baltic_page.goto("/desk/")
    baltic_page.get_by_role(
        "link", name="Circulate the survey questionnaire to the partners"
    ).click()
    baltic_page.get_by_label("New status").select_option("done")
    baltic_page.get_by_label("Note").fill("Sent to all partners on the mailing list.")
    baltic_page.get_by_role("button", name="Save").click()
    expect(baltic_page.locator("main")).to_contain_text("The status is now “Done”.")

    # The register shows it done, with its history.
    baltic_page.goto("/decisions/?status=done")
    baltic_page.get_by_role("link", name=re.compile("Circulate the survey questionnaire")).click()
    expect(baltic_page.locator(".status").first).to_have_text("Done")
    history = baltic_page.locator("table tbody")
    expect(history).to_contain_text("Sent to all partners on the mailing list.")
    expect(history).to_contain_text("Baltic Child Research")
    screenshot(baltic_page, "minutes/03-done")
