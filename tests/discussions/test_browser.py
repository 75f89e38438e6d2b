"""Two people in two browsers: one posts, the other sees it arrive without reloading; the
first is mentioned back and finds the notification.

Live updates need WebSockets, which pytest-django's live server does not speak, so the
pages come from a socket server (uvicorn, as deployed) serving the PostgreSQL test database.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from network.discussions.models import Message
from tests.browser.conftest import (  # noqa: F401 - fixtures
    TIMEOUT_MS,
    _allow_orm_under_playwright,
    browser,
)
from tests.discussions.conftest import session_cookie, socket_servers
from tests.factories.discussions import MessageFactory


@pytest.fixture
def site(postgres):
    with socket_servers(1) as ports:
        yield f"http://127.0.0.1:{ports[0]}"


def signed_in_page(browser, site, user, **options):  # noqa: F811
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900}, **options)
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


def shown_time(page, locator):
    """A time as the reader sees it; Chromium puts narrow no-break spaces before AM/PM."""
    text = page.locator(locator).text_content()
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def us_time(moment, zone):
    """How Intl.DateTimeFormat("en", {dateStyle: "medium", timeStyle: "short"}) writes it."""
    local = moment.astimezone(ZoneInfo(zone))
    hour = local.hour % 12 or 12
    return f"{local:%b} {local.day}, {local.year}, {hour}:{local:%M} {local:%p}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_browser_room_composer_counts_typing_and_times(
    browser,  # noqa: F811
    site,
    room,
    topic,
    member_a,
    focal_b,
):
    zone = "Europe/Chisinau"
    earlier = MessageFactory(
        topic=topic, author=focal_b, created=datetime(2026, 12, 4, 19, 14, 20, tzinfo=UTC)
    )
    # Ana's browser speaks US English, where toLocaleString() gives "12/4/2026, 9:14:20 PM".
    ana = signed_in_page(browser, site, member_a, locale="en-US", timezone_id=zone)
    bob = signed_in_page(browser, site, focal_b)
    errors = []
    for page in (ana, bob):
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"/discussions/{room.slug}/")
        expect(page.locator("#live-status")).to_have_text("Live")
    count = f'#topic-list li[data-topic="{topic.pk}"] .topic-count'
    expect(ana.locator(count)).to_have_text("1 message")

    # Times: the page's language, the month as a word, the reader's own clock.
    assert shown_time(ana, f"#m{earlier.pk} time") == "Dec 4, 2026, 9:14 PM"
    assert us_time(earlier.created, zone) == "Dec 4, 2026, 9:14 PM"

    # Bob types: Ana sees it, until his message arrives.
    bob.get_by_role("textbox", name="Message").fill("Sampling started in Chisinau.")
    expect(ana.locator("#typing")).to_have_text(f"{focal_b.name} is typing…")

    # The composer is already on the room's topic: no title to type, no "Choose a topic".
    expect(bob.get_by_role("combobox", name="Topic")).to_have_value(str(topic.pk))
    bob.get_by_role("button", name="Send").click()
    arrived = ana.locator(".msg", has_text="Sampling started in Chisinau.")
    expect(arrived).to_be_visible()
    # Checked at once, not waited for: the three-second fallback would clear it too.
    assert ana.locator("#typing").text_content() == ""
    posted = Message.objects.get(body="Sampling started in Chisinau.")
    assert posted.topic_id == topic.pk

    # The topic list counts the message that arrived live, for both of them.
    expect(ana.locator(count)).to_have_text("2 messages")
    expect(bob.locator(count)).to_have_text("2 messages")
    assert shown_time(ana, f"#m{posted.pk} time") == us_time(posted.created, zone)
    expect(bob.locator(".post-form .error, .message.error")).to_have_count(0)

    assert errors == []
    for page in (ana, bob):
        page.context.close()
