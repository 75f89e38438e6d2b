"""Security headers on site, account and admin responses, error pages included."""

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _policy(response):
    return dict(
        [*part.split(" ", 1), ""][:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )


@pytest.mark.parametrize("path", ["/members/", "/accounts/login/", "/healthz", "/no-such-page/"])
def test_site_responses_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_responses_carry_the_same_strict_policy(client, staff):
    # network/platform/admin_csp.py starts the widgets Wagtail would start with inline scripts.
    client.force_login(staff)
    response = client.get("/admin/")
    policy = _policy(response)
    assert response.status_code == 200
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_the_admin_dashboard_does_not_check_for_wagtail_updates(client, staff):
    # The check would call releases.wagtail.org, which connect-src refuses.
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert 'data-controller="w-upgrade' not in body
    assert "w-panel-upgrade" not in body
    assert "Wagtail upgrade available" not in body


def test_session_cookie_is_httponly_and_samesite(client, plain_user):
    response = client.post("/accounts/login/", {"login": plain_user.email, "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
