"""Logs never carry secrets or personal data (issue 8, item 11): every logger, at DEBUG, is
captured while a person signs up, fails to sign in, resets the password, accepts an
invitation, uses (and misuses) an API token and posts in a discussion through the real
views; no planted password, token, email address or message body appears in any record."""

import logging
import re

import pytest
from django.core import mail

from network.discussions.models import Message
from tests.factories.discussions import RoomFactory

pytestmark = pytest.mark.django_db

EMAIL = "canary.person.q7x@example.org"
GHOST = "canary.ghost.z3k@example.org"
PASSWORD = "Canary-Password-81hb4-lamp"
WRONG_PASSWORD = "Canary-Wrong-Password-55kd"
NEW_PASSWORD = "Canary-New-Password-9vv2x-tree"
BODY = "CANARY-MESSAGE-BODY-3mq8 about routes"
FORGED_TOKEN = "canary-forged-api-token-0p9o8i7u6y5t"


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record):
        # Everything a log line could carry: the formatted line, its traceback, its raw args
        # and any extra attributes handlers elsewhere might print.
        text = self.format(record)
        self.records.append(f"{text} | args={record.args!r} | extra={vars(record)!r}")


@pytest.fixture
def captured_logs():
    """Every logger at DEBUG into one capture, restored afterwards."""
    capture = _Capture()
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled, logger.propagate) for logger in loggers]
    logging.disable(logging.NOTSET)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        logger.addHandler(capture)
        logger.propagate = False  # each logger hands its records to the capture once
    yield capture.records
    for logger, level, disabled, propagate in saved:
        logger.removeHandler(capture)
        logger.setLevel(level)
        logger.disabled = disabled
        logger.propagate = propagate


def _link(path_start):
    for message in reversed(mail.outbox):
        found = re.search(rf"http://testserver({re.escape(path_start)}\S+)", message.body)
        if found:
            return found.group(1)
    raise AssertionError(f"no email with a {path_start} link")


def test_logs_carry_no_password_token_email_or_message_body(
    client, focal_a, org_a, captured_logs, django_capture_on_commit_callbacks
):
    # An invitation to the canary address, sent by the organization's focal point.
    client.force_login(focal_a)
    with django_capture_on_commit_callbacks(execute=True):  # the email goes after commit
        assert client.post(f"/members/{org_a.slug}/invite/", {"email": EMAIL}).status_code == 302
    invitation_path = _link("/members/invitations/")
    client.logout()

    # Sign-up and verification.
    signup = {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD}
    assert client.post("/accounts/signup/", signup).status_code == 302
    confirm_path = _link("/accounts/confirm-email/")
    assert client.post(confirm_path).status_code == 302
    client.logout()

    # Failed sign-ins, for the real account and for an unknown address.
    for login in (EMAIL, GHOST):
        failed = client.post("/accounts/login/", {"login": login, "password": WRONG_PASSWORD})
        assert failed.status_code == 200

    # Password reset, through the emailed link, to a new password; then signing in with it.
    assert client.post("/accounts/password/reset/", {"email": EMAIL}).status_code == 302
    client.post("/accounts/password/reset/", {"email": GHOST})
    reset_path = _link("/accounts/password/reset/key/")
    set_password_path = client.get(reset_path)["Location"]
    changed = client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert changed.status_code == 302
    assert (
        client.post("/accounts/login/", {"login": EMAIL, "password": NEW_PASSWORD})["Location"]
        == "/"
    )

    # Accepting the invitation, then opening the used link again.
    assert client.post(invitation_path).status_code == 302
    assert client.get(invitation_path).status_code == 200

    # An API token: created on the profile, used, and a forged one refused.
    created = client.post("/members/profile/tokens/", {"name": "Canary script"})
    raw_token = re.search(r'id="raw-token" [^>]*value="([^"]+)"', created.content.decode()).group(1)
    used = client.get("/api/v1/gaps", HTTP_AUTHORIZATION=f"Bearer {raw_token}")
    forged = client.get("/api/v1/gaps", HTTP_AUTHORIZATION=f"Bearer {FORGED_TOKEN}")
    assert used.status_code == 200
    assert forged.status_code == 401

    # A discussion message through the room's form.
    room = RoomFactory()
    posted = client.post(f"/discussions/{room.slug}/", {"new_topic": "Routes", "body": BODY})
    assert posted.status_code == 302
    assert Message.objects.get().body == BODY

    canaries = {
        "email": EMAIL,
        "unknown email": GHOST,
        "password": PASSWORD,
        "wrong password": WRONG_PASSWORD,
        "new password": NEW_PASSWORD,
        "message body": BODY,
        "API token": raw_token,
        "forged API token": FORGED_TOKEN,
        "invitation token": invitation_path.rstrip("/").rsplit("/", 1)[-1],
        "email confirmation key": confirm_path.rstrip("/").rsplit("/", 1)[-1],
        "password reset key": reset_path.rstrip("/").rsplit("/", 1)[-1],
    }
    # The capture works: the refused token left Django's own "Unauthorized" warning.
    assert any("Unauthorized: /api/v1/gaps" in line for line in captured_logs)
    # Reported as {canary: {"LEVEL logger first words of the message", ...}}.
    leaks = {
        name: sorted({line.split(" | ")[0][:120] for line in captured_logs if canary in line})
        for name, canary in canaries.items()
    }
    assert {name: lines for name, lines in leaks.items() if lines} == {}
