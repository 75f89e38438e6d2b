"""Accounts (issue 8, item 4): nothing tells whether an account exists, failed sign-ins are
throttled per account and per address on the shared cache, a TOTP code works once, every
privileged role must use a second factor, email and MFA changes ask for the password again,
and production refuses per-process caches and channel layers."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    validate_totp_code,
)
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client

from projects.enums import ProjectRole
from tests.factories import PASSWORD, UserFactory
from tests.factories.discussions import RoomModeratorFactory
from tests.factories.projects import ProjectMemberFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TOO_MANY = "Too many failed login attempts. Try again later."
WRONG = "The email address and/or password you specified are not correct."
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _page(response, typed):
    """What a person sees, with the only parts that may differ blanked: the one-time CSRF
    token and the address they typed themselves."""
    return CSRF.sub("", response.content.decode()).replace(typed, "TYPED")


def _login(client, email, password, ip="198.51.100.1"):
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


# --- Nothing says whether an account exists --------------------------------------------------


def test_login_signup_and_reset_answer_the_same_for_known_and_unknown_addresses():
    UserFactory(email="known@example.org")
    answers = {}
    for email in ("known@example.org", "nobody@example.org"):
        client = Client()
        login = _login(client, email, "not the password")
        signup = Client().post(
            "/accounts/signup/",
            {"email": email, "password1": PASSWORD, "password2": PASSWORD},
            follow=True,
        )
        reset = Client().post("/accounts/password/reset/", {"email": email}, follow=True)
        answers[email] = [
            (r.status_code, r.redirect_chain if hasattr(r, "redirect_chain") else None)
            for r in (login, signup, reset)
        ] + [_page(r, email) for r in (login, signup, reset)]
        assert "_auth_user_id" not in client.session
        assert WRONG in login.content.decode()

    assert answers["known@example.org"] == answers["nobody@example.org"]
    assert answers["known@example.org"][1][1] == [("/accounts/confirm-email/", 302)]
    assert answers["known@example.org"][2][1] == [("/accounts/password/reset/done/", 302)]
    # Each address got its own email (the owner of the taken one is told, nobody else is).
    assert sorted(len(m.to) for m in mail.outbox) == [1, 1, 1, 1]
    assert {m.to[0] for m in mail.outbox} == {"known@example.org", "nobody@example.org"}


# --- Throttling, per account and per address, in Redis ---------------------------------------


def test_failed_logins_throttled_per_account_from_any_address(client, redis_url):
    import redis

    UserFactory(email="target@example.org")
    seen = {}
    for email in ("target@example.org", "ghost@example.org"):
        # Five wrong passwords, each from another address: the account's own limit.
        for n in range(5):
            assert WRONG in _login(client, email, "wrong", ip=f"203.0.113.{n + 1}").content.decode()
        blocked = _login(Client(), email, PASSWORD, ip="192.0.2.200")
        seen[email] = (blocked.status_code, _page(blocked, email))
        assert TOO_MANY in blocked.content.decode()

    # An unknown address is throttled exactly like a real one, and the right password does
    # not get through once the account is throttled.
    assert seen["target@example.org"] == seen["ghost@example.org"]
    assert "_auth_user_id" not in client.session
    # The counters live in the shared Redis cache, where every worker process sees them.
    keys = [k.decode() for k in redis.Redis.from_url(redis_url).keys("*")]
    assert any("login_failed" in k for k in keys), keys


def test_failed_logins_throttled_per_address_across_accounts(client):
    UserFactory(email="victim@example.org")
    for n in range(10):
        _login(client, f"guess{n}@example.org", "wrong", ip="203.0.113.50")
    # The address is throttled: even a right password for another account is refused...
    blocked = _login(client, "victim@example.org", PASSWORD, ip="203.0.113.50")
    assert TOO_MANY in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # ...while the same person from another address still signs in.
    elsewhere = _login(Client(), "victim@example.org", PASSWORD, ip="198.51.100.9")
    assert elsewhere.status_code == 302


# --- A TOTP code works once -------------------------------------------------------------------


def _fresh_code(secret):
    """This period's code, with at least 5 seconds of the period left (so that a refusal of
    its second use cannot be the clock moving on)."""
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.1)
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def test_totp_code_cannot_be_reused():
    user = UserFactory(email="twofactor@example.org")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    code = _fresh_code(secret)

    first, second = Client(), Client()
    for client in (first, second):
        assert _login(client, user.email, PASSWORD)["Location"] == "/accounts/2fa/authenticate/"
    accepted = first.post("/accounts/2fa/authenticate/", {"code": code})
    replayed = second.post("/accounts/2fa/authenticate/", {"code": code})

    assert accepted.status_code == 302
    assert first.session["_auth_user_id"] == str(user.pk)
    assert replayed.status_code == 200
    assert "Incorrect code." in replayed.content.decode()
    assert "_auth_user_id" not in second.session
    # Still within its period: refused because it was used, not because it expired.
    assert validate_totp_code(secret, code)


# --- Who must use a second factor -------------------------------------------------------------


def _editor_by_permission(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def _editor_by_group(user):
    group = Group.objects.create(name="Site editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)


ROLES = {
    "staff": lambda user: UserFactory._meta.model.objects.filter(pk=user.pk).update(is_staff=True),
    "editor": _editor_by_permission,
    "editor by group": _editor_by_group,
    "room moderator": lambda user: RoomModeratorFactory(user=user),
    "project lead": lambda user: ProjectMemberFactory(user=user, role=ProjectRole.LEAD),
}


@pytest.mark.parametrize("role", ROLES)
def test_privileged_roles_must_set_up_totp_first(client, role):
    user = UserFactory()
    ROLES[role](user)
    # The factories turn TOTP on for the roles that need it; this person has not done so yet.
    Authenticator.objects.filter(user=user).delete()
    client.force_login(user)

    refused = client.get("/members/")
    assert refused.status_code == 302
    assert refused["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/logout/").status_code == 200  # signing out stays open

    TOTP.activate(user, generate_totp_secret())
    assert client.get("/members/").status_code == 200


def test_member_and_project_team_member_need_no_second_factor(client):
    member = ProjectMemberFactory(role=ProjectRole.MEMBER).user
    client.force_login(member)
    assert client.get("/members/").status_code == 200
    assert member.has_perm("members.needs_mfa") is False


# --- Re-authentication before changing email or MFA -----------------------------------------


def test_adding_an_email_address_asks_for_the_password_again(client):
    user = UserFactory(email="owner@example.org")
    client.force_login(user)  # a session not just signed in with a password

    response = client.post("/accounts/email/", {"email": "thief@example.org", "action_add": ""})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="thief@example.org").exists()

    wrong = client.post("/accounts/reauthenticate/", {"password": "not mine"})
    assert wrong.status_code == 200
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    client.post("/accounts/email/", {"email": "second@example.org", "action_add": ""})
    assert EmailAddress.objects.get(email="second@example.org").verified is False


def test_turning_totp_off_asks_for_the_password_again(client):
    user = UserFactory()
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)

    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert Authenticator.objects.filter(user=user, type="totp").exists()


# --- Production refuses per-process state ----------------------------------------------------


def _import_production_settings(**env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER")
    }
    environment.update(
        SECRET_KEY="x7#pR2!vQ9@mL4$zK8^wN1&bT6*yH3(cJ5)dF0-gS2+eA7_uV9=iO4%qW8~rE1",
        ALLOWED_HOSTS="network.example",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", "import network.settings.production as s; print(s.CACHES)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_local_memory_cache_and_in_memory_channel_layer():
    refused = _import_production_settings()
    assert refused.returncode != 0
    assert (
        "Production refuses the local-memory cache and the in-memory channel layer: they live "
        "in one process. Set REDIS_URL."
    ) in refused.stderr

    accepted = _import_production_settings(REDIS_URL="redis://127.0.0.1:6379/8")
    assert accepted.returncode == 0, accepted.stderr
    assert "django_redis.cache.RedisCache" in accepted.stdout
