"""An event from the admin to a participant's calendar, in Chromium: the secretariat creates
an event with two sessions in the Wagtail admin and publishes it, a member registers, the
organizer approves, and the member downloads the calendar file."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from events.models import EventPage, Registration
from tests.browser.test_journey import totp_code
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory
from tests.factories.events import events_index

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, email, secret=None):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    if secret:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.locator("#id_code").fill(totp_code(secret))
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def fill_date(page, selector, value):
    """Fill a Wagtail date field and leave it with its picker closed.

    The picker opens 100 ms after the field gains focus; leaving sooner lets it open
    afterwards over the next control. Wait it out, then Tab, which closes it.
    """
    page.locator(selector).fill(value)
    page.wait_for_timeout(250)
    page.locator(selector).press("Tab")
    expect(page.locator(selector)).to_have_value(value)


def test_event_from_admin_to_calendar(new_page, home_page, staff_with_totp, screenshot):
    staff, secret = staff_with_totp
    index = events_index()
    organization = OrganizationFactory(name="Balkan Child Data Institute")
    member = MembershipFactory(organization=organization).user

    # 1. The secretariat creates the event with two sessions and publishes it.
    admin = new_page()
    sign_in(admin, staff.email, secret)
    admin.goto(f"/admin/pages/add/events/eventpage/{index.pk}/")
    admin.locator("#id_title").fill("Indicators working group")
    admin.locator("#id_kind").select_option("working_group")
    fill_date(admin, "#id_start", "2031-05-12 09:00")
    fill_date(admin, "#id_end", "2031-05-12 17:00")
    admin.locator("#id_time_zone").fill("Europe/Vienna")
    admin.locator("#id_city").fill("Vienna")
    admin.locator("#id_registration_mode").select_option("approval")
    admin.locator("#id_capacity").fill("20")
    for n, (title, start, end) in enumerate(
        [("Opening", "09:00", "10:00"), ("Indicators", "10:30", "12:00")]
    ):
        # Wagtail 8 autosaves the draft half a second after a change, and a session added
        # while a save is under way is lost: add the next one once the save has ended.
        admin.wait_for_timeout(600)
        expect(admin.locator(".w-autosave-indicator__state--saving")).to_be_hidden()
        admin.get_by_role("button", name="Add session").click()
        expect(admin.locator(f"#id_sessions-{n}-kind")).to_be_visible()
        admin.locator(f"#id_sessions-{n}-kind").select_option("plenary")
        admin.locator(f"#id_sessions-{n}-title").fill(title)
        fill_date(admin, f"#id_sessions-{n}-start", f"2031-05-12 {start}")
        fill_date(admin, f"#id_sessions-{n}-end", f"2031-05-12 {end}")
        expect(admin.locator(f"#id_sessions-{n}-end")).to_have_value(f"2031-05-12 {end}")
    # A date picker closes when its field loses focus; one left open covers the menu below.
    admin.locator("#id_title").click()
    expect(admin.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    # Publishing while an autosave of the new page is under way races it (the autosave has
    # created the page): publish once the last change's save has ended.
    admin.wait_for_timeout(600)
    expect(admin.locator(".w-autosave-indicator__state--saving")).to_be_hidden()
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Publish").click()
    expect(admin.locator("body")).to_contain_text("published")
    event = EventPage.objects.get(title="Indicators working group")
    assert event.live
    assert list(event.sessions.values_list("title", flat=True)) == ["Opening", "Indicators"]

    # 2. A member registers on the event page.
    person = new_page()
    sign_in(person, member.email)
    person.goto(event.url)
    expect(person.locator("main")).to_contain_text("Opening")
    person.get_by_label("Organization you represent").select_option(label=organization.name)
    person.get_by_role("button", name="Register").click()
    expect(person.get_by_role("status")).to_contain_text("Your registration is received.")

    # 3. The organizer approves on the participant list.
    admin.goto(f"{event.url}manage/")
    admin.get_by_label(f"Select {member.name}").check()
    admin.get_by_role("button", name="Accept selected").click()
    expect(admin.get_by_role("status")).to_contain_text("1 confirmed.")
    assert Registration.objects.get().status == "confirmed"

    # 4. The member sees the confirmation and downloads the calendar file.
    person.reload()
    expect(person.locator("main")).to_contain_text("Your registration: Confirmed")
    screenshot(person, "event-confirmed")
    with person.expect_download() as download:
        person.get_by_role("link", name="Add to calendar (.ics)").click()
    calendar = Calendar.from_ical(open(download.value.path(), "rb").read())  # noqa: SIM115
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Indicators working group"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert vevent.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2031-05-12 09:00"
