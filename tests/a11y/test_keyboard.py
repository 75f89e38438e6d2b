"""A keyboard-only journey in Chromium — Tab, Shift+Tab, Enter and Space, never a click: a
member skips to the content of an event page, follows its sign-in link, signs in and comes
back to register. Every stop of the focus must show a focus ring, whole on the screen."""

import re

import pytest
from playwright.sync_api import expect

from events.models import Registration
from tests.browser.conftest import (  # noqa: F401 - fixtures
    _allow_orm_under_playwright,
    browser,
    new_page,
    site_url,
)
from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.events import EventPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_TABS = 40
FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
  const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href") || "",
    text: (el.innerText || el.value || "").trim().slice(0, 60),
    ring: el.matches(":focus-visible") && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.width > 0 && box.height > 0 && box.top - ring >= 0 && box.left - ring >= 0
      && box.bottom + ring <= innerHeight && box.right + ring <= innerWidth,
  };
}"""


def focused(page):
    """What has the focus, after checking that a sighted keyboard user can see where it is."""
    element = page.evaluate(FOCUSED)
    assert element["ring"], f"no visible focus ring on {element}"
    assert element["onScreen"], f"focus is off screen on {element}"
    return element


def tab_to(page, wanted, *, key="Tab"):
    """Press Tab until the focused element satisfies `wanted`; fail if it never does."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        element = focused(page)
        if wanted(element):
            return element
        seen.append(element["text"] or element["id"] or element["tag"])
    raise AssertionError(f"never reached by {key}; focus went through {seen}")


def test_keyboard_only_sign_in_and_register_for_an_event(new_page):  # noqa: F811
    organization = OrganizationFactory(name="Child Data Institute")
    member = MembershipFactory(
        organization=organization, user=UserFactory(email="ana@example.org")
    ).user
    event = EventPageFactory(title="Indicators working group", slug="indicators-group")
    page = new_page()
    page.goto(event.url)

    # The first Tab shows the skip link; Enter on it moves the next Tab into the content.
    skip = tab_to(page, lambda e: True)
    assert skip["text"] == "Skip to content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    first_in_main = tab_to(page, lambda e: True)
    assert page.evaluate("document.activeElement.closest('main') !== null"), first_in_main

    tab_to(page, lambda e: "/accounts/login/?next=" in e["href"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    tab_to(page, lambda e: e["id"] == "id_login")
    page.keyboard.type(member.email)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    assert tab_to(page, lambda e: True)["text"] == "Forgot your password?"
    assert tab_to(page, lambda e: True, key="Shift+Tab")["id"] == "id_password"
    tab_to(page, lambda e: e["id"] == "id_remember")
    page.keyboard.press("Space")
    expect(page.locator("#id_remember")).to_be_checked()
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Sign In")
    page.keyboard.press("Enter")

    # Back on the event page, signed in, with the one organization preselected.
    expect(page).to_have_url(re.compile(f"{event.url}$"))
    expect(page.get_by_label("Organization you represent")).to_have_value(str(organization.pk))
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Register")
    page.keyboard.press("Space")

    expect(page.get_by_role("status")).to_contain_text(
        "You are registered: your place is confirmed."
    )
    registration = Registration.objects.get()
    assert (registration.user, registration.organization, registration.status) == (
        member,
        organization,
        "confirmed",
    )
