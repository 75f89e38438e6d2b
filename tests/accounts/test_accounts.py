"""Sign up, verification, throttled sign-in and TOTP through django-allauth."""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail

from members.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_signup_sends_verification_and_blocks_sign_in_until_verified(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email="new@example.org").count() == 1
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)

    client.logout()
    blocked = _login(client, "new@example.org", PASSWORD)
    assert blocked["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    confirm_path = link.split("testserver", 1)[1]
    assert client.post(confirm_path).status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="new@example.org").pk)


def test_signup_with_taken_email_does_not_create_a_second_account(client):
    UserFactory(email="taken@example.org")
    client.post(
        "/accounts/signup/",
        {"email": "TAKEN@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_failed_logins_are_throttled_even_for_the_right_password(client):
    user = UserFactory(email="target@example.org")
    for _ in range(5):
        response = _login(client, user.email, "wrong password")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_answers_the_same_for_unknown_addresses(client):
    UserFactory(email="known@example.org")
    known = client.post("/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"


def _current_code(secret):
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the middle one is now, whatever the tolerance
    return format_hotp_value(hotp_value(secret, counter))


def test_sign_in_with_totp_asks_for_the_code(client):
    user = UserFactory(email="mfa@example.org")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = _login(client, user.email, PASSWORD)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post("/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
