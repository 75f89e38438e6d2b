"""Playwright fixtures: Debian's Chromium (never a downloaded browser) against pytest-django's
live server, which runs in this process, so the locmem mail outbox is shared with it.

Playwright's sync API keeps an event loop running in the test thread, so Django would refuse
the ORM calls that tests and fixtures make there (SynchronousOnlyOperation). The tests only
set up and read data outside requests, so async-unsafe calls are allowed for this package.
"""

import os
from pathlib import Path

import pytest

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch):
    """Set for these tests only, so tests elsewhere still catch async-unsafe ORM use."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(chromium):
    """A headless Chromium, launched from /usr/bin/chromium (never a downloaded one)."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=LAUNCH_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()
            # While Playwright's event loop runs, asgiref hands the ORM a separate,
            # context-local connection that Django never closes; left open, PostgreSQL
            # refuses to drop the test database at the end of the run.
            connections.close_all()


@pytest.fixture
def site_url(live_server, settings):
    """The live server's address; links in emails point at it too."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def new_page(browser, site_url):
    """Open a page in a fresh browser context: one context per person, like separate
    browsers sharing nothing (cookies, sessions)."""
    contexts = []
    violations = []

    def record_csp_violation(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def open_page():
        context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.on("console", record_csp_violation)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    # Every page a browser test visits must work under the site's Content-Security-Policy.
    assert violations == []


@pytest.fixture
def home_page(db):
    """The site's HomePage and standard pages, as the seed loader puts them."""
    from home import seed

    seed.load()


@pytest.fixture
def screenshot():
    """Save a full-page PNG into $SCREENSHOTS_DIR; does nothing when it is not set."""
    directory = os.environ.get("SCREENSHOTS_DIR")

    def take(page, name):
        if not directory:
            return None
        path = Path(directory) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        # The Wagtail admin paints only once its scripts and styles have loaded.
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def staff_with_totp(db):
    """A staff superuser with TOTP on, and the secret its authenticator app would hold."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import UserFactory

    user = UserFactory(
        email="secretariat@example.org",
        display_name="Secretariat",
        is_staff=True,
        is_superuser=True,
    )
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret
