"""Two people in two browsers: one posts, the other sees it arrive without reloading; the
first is mentioned back and finds the notification.

Live updates need WebSockets, which pytest-django's live server does not speak, so the
pages come from a daphne process serving the PostgreSQL test database.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (  # noqa: F401 - fixtures
    TIMEOUT_MS,
    _allow_orm_under_playwright,
    browser,
)
from tests.discussions.conftest import daphne_servers, session_cookie


@pytest.fixture
def site(postgres):
    with daphne_servers(1) as ports:
        yield f"http://127.0.0.1:{ports[0]}"


def signed_in_page(browser, site, user):  # noqa: F811
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    value = session_cookie(user)[1].decode().split("=", 1)[1]
    context.add_cookies([{"name": "sessionid", "value": value, "url": site}])
    return context.new_page()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_browser_message_appears_live_and_mention_notifies(
    browser,  # noqa: F811
    site,
    room,
    topic,
    member_a,
    focal_b,
):
    alice = signed_in_page(browser, site, member_a)
    bob = signed_in_page(browser, site, focal_b)
    for page in (alice, bob):
        page.goto(f"/discussions/{room.slug}/t/{topic.pk}/")
        expect(page.locator("#live-status")).to_have_text("Live")
    expect(alice.locator("#presence")).to_contain_text(focal_b.name)

    alice.get_by_role("textbox", name="Message").fill("Has anyone **sampled** in Moldova?")
    alice.get_by_role("button", name="Send").click()
    expect(bob.locator(".msg-body strong", has_text="sampled")).to_be_visible()
    expect(alice.get_by_role("textbox", name="Message")).to_have_value("")

    bob.get_by_role("textbox", name="Message").fill(f"@{member_a.name} yes, in 2003")
    bob.get_by_role("button", name="Send").click()
    expect(alice.locator(".msg-body", has_text="yes, in 2003")).to_be_visible()

    alice.goto("/discussions/notifications/")
    expect(alice.locator(".notice.unread")).to_contain_text(f"{focal_b.name} mentioned you")
    for page in (alice, bob):
        page.context.close()
