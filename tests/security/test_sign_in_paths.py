"""One way in: allauth's sign-in, with its MFA, verification and throttle."""

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_wagtail_frontend_login_form_cannot_sign_in_staff_without_mfa(client, staff):
    """Wagtail's /_util/login/ form took an email and password alone, skipping TOTP."""
    response = client.post("/_util/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_wagtail_frontend_login_sends_to_allauth_with_next(client):
    response = client.get("/_util/login/?next=/private/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/private/"


def test_admin_login_form_cannot_sign_in_staff_without_mfa(client, staff):
    """Wagtail's admin sign-in form took an email and password alone, skipping TOTP."""
    response = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session, response
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Wagtail's own refusals still land on the one sign-in page.
    assert client.get("/admin/pages/")["Location"].startswith("/accounts/login/")
