"""Headers (issue 8, item 9): every response — pages, errors, allauth, the API, the Wagtail
admin — carries the strict Content-Security-Policy (no inline script, admin included);
anything rendered for a signed-in person is never stored; production sends HSTS for a year
with subdomains and silences no deploy check."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory

from members import services as member_services
from tests.factories.events import EventPageFactory, SessionFactory
from tests.factories.projects import ProjectOutputFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# An executable inline script: a <script> with no src that is not a JSON data block.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)


def _policy(response):
    header = response["Content-Security-Policy"]
    return dict(
        [*part.split(" ", 1), ""][:2] for part in (p.strip() for p in header.split(";")) if part
    )


def _assert_strict(response, *, frame_ancestors="'none'"):
    policy = _policy(response)
    assert policy["script-src"] == "'self'", policy
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == frame_ancestors
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/api/v1/gaps",
        "/feeds/gaps/",
        "/no-such-page/",
        "/hardening-crash/",
    ],
)
def test_every_anonymous_response_carries_the_strict_policy(client, settings, path):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code in (200, 404, 500)
    if path == "/hardening-crash/":
        assert response.status_code == 500
    _assert_strict(response)


def test_admin_pages_carry_the_strict_policy_and_no_inline_script(client, staff):
    event = EventPageFactory()
    SessionFactory(page=event)
    output = ProjectOutputFactory()
    client.force_login(staff)
    for path in [
        "/admin/",
        f"/admin/pages/{event.pk}/edit/",  # InlinePanels, date-time pickers
        f"/admin/project_outputs/edit/{output.pk}/",  # a document chooser
        "/admin/documents/add/",
    ]:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        _assert_strict(response)
        html = response.content.decode()
        assert INLINE_SCRIPT.findall(html) == [], path
        assert response["Cache-Control"] == "no-store, private" or (
            "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        )
    # The editor's widgets are there, waiting for network/static/network/admin-init.js.
    editor = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'data-network-init="InlinePanel"' in editor
    assert 'data-network-init="initDateTimeChooser"' in editor
    chooser = client.get(f"/admin/project_outputs/edit/{output.pk}/").content.decode()
    assert 'data-network-init="DocumentChooser"' in chooser
    assert "network/admin-init" in editor

    # Only page previews may be framed, and only by the admin itself.
    preview = client.get(f"/admin/pages/{event.pk}/edit/preview/")
    assert _policy(preview)["frame-ancestors"] == "'self'"
    assert _policy(preview)["script-src"] == "'self'"


def test_responses_for_signed_in_people_and_tokens_are_never_stored(client, member_a):
    anonymous = client.get("/members/")
    assert "no-store" not in anonymous.get("Cache-Control", "")

    client.force_login(member_a)
    for path in ("/members/", "/members/profile/", "/discussions/", "/no-such-page/"):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path
    client.logout()

    _, raw = member_services.token_create(user=member_a, name="script")
    api = client.get("/api/v1/gaps", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.status_code == 200
    assert "no-store" in api["Cache-Control"]
    assert "Authorization" in api["Vary"]


def test_production_sends_hsts_for_a_year_with_subdomains_and_silences_nothing(settings):
    # Importing the settings module is enough (no django.setup): fast, and it is what runs.
    script = (
        "import json, network.settings.production as s;"
        "print(json.dumps({n: getattr(s, n, None) for n in ("
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        "'SILENCED_SYSTEM_CHECKS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT', 'DEBUG')}))"
    )
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTEST_XDIST_WORKER", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT")
    }
    environment.update(
        SECRET_KEY="x7#pR2!vQ9@mL4$zK8^wN1&bT6*yH3(cJ5)dF0-gS2+eA7_uV9=iO4%qW8~rE1",
        ALLOWED_HOSTS="network.example",
        REDIS_URL="redis://127.0.0.1:6379/8",
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    production = json.loads(result.stdout)
    assert production.pop("SILENCED_SYSTEM_CHECKS") in (None, [])
    assert {k: v for k, v in production.items() if not k.startswith("SECURE_HSTS")} == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "DEBUG": False,
    }
    # The header those settings make Django's SecurityMiddleware send.
    for name, value in production.items():
        setattr(settings, name, value)
    response = SecurityMiddleware(lambda request: HttpResponse())(
        RequestFactory().get("/", secure=True)
    )
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
