"""The email preferences page and the one-click unsubscribe link (RFC 8058): the link works
without signing in, GET only asks, POST unsubscribes; a tampered or expired link changes
nothing and says why."""

import re
from unittest import mock

import pytest
from django.core import mail, signing
from django.urls import reverse

from network.platform.email import email_on_commit, unsubscribe_token
from network.platform.models import EmailFrequency, EmailPreference

pytestmark = pytest.mark.django_db


def _frequency(user):
    preference = EmailPreference.objects.filter(address=user.email.lower()).first()
    return preference.frequency if preference else EmailFrequency.IMMEDIATE


def _url(user):
    return reverse("email:unsubscribe", args=[unsubscribe_token(user.email)])


def test_get_asks_and_changes_nothing(client, member_a):
    response = client.get(_url(member_a))
    assert response.status_code == 200
    assert "Stop these emails" in response.content.decode()  # the button, not yet pressed
    assert member_a.email in response.content.decode()
    assert b'<form method="post">' in response.content
    assert _frequency(member_a) == EmailFrequency.IMMEDIATE


def test_post_unsubscribes_without_signing_in_or_csrf(member_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(member_a), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Emails stopped" in response.content.decode()
    assert _frequency(member_a) == EmailFrequency.ESSENTIAL


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_link_refused_and_changes_nothing(client, member_a, method):
    token = unsubscribe_token(member_a.email)
    forged = signing.dumps("someone.else@example.org", salt="another salt", compress=True)
    for bad in (token[:-2] + "xx", forged, "not-a-token"):
        url = reverse("email:unsubscribe", args=[bad])
        response = getattr(client, method)(url)
        assert response.status_code == 400
        assert "expired or was changed, so nothing was changed" in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_expired_link_refused(client, member_a):
    token = unsubscribe_token(member_a.email)
    with mock.patch("network.platform.email.UNSUBSCRIBE_MAX_AGE", -1):
        response = client.post(reverse("email:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_preferences_page_saves_the_choice(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("email:preferences"))
    assert "A weekly digest" in response.content.decode()
    assert "Nothing but what must be acknowledged" in response.content.decode()
    response = client.post(reverse("email:preferences"), {"frequency": "weekly"}, follow=True)
    assert "Your email preference is saved." in response.content.decode()
    assert _frequency(member_a) == EmailFrequency.WEEKLY


@pytest.mark.parametrize("body", [{}, {"frequency": "hourly"}])
def test_preferences_bad_input_says_why_and_changes_nothing(client, member_a, body):
    client.force_login(member_a)
    response = client.post(reverse("email:preferences"), body)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_preferences_need_signing_in(client):
    response = client.get(reverse("email:preferences"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_profile_links_to_email_preferences(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("members:profile"))
    assert reverse("email:preferences") in response.content.decode()


# --- Every email carries the link -------------------------------------------------------------


def test_every_email_carries_one_click_unsubscribe(
    member_a, focal_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = email_on_commit(
            to=[member_a, focal_a, "guest@example.org"],
            subject="Hello",
            template="discussions/email/mention_digest.txt",
            context={"user": member_a, "notices": [], "base_url": "http://testserver"},
        )
    assert sent == 3 == len(mail.outbox)
    for email in mail.outbox:
        (address,) = email.to
        header = email.extra_headers["List-Unsubscribe"]
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = re.fullmatch(r"<(https?://[^>]+)>", header).group(1)
        assert url in email.body  # and in the footer, for people
        assert "http://testserver/email/preferences/" in email.body
        token = url.rstrip("/").rsplit("/", 1)[1]
        assert signing.loads(token, salt="network.platform.email.unsubscribe") == address


def test_unsubscribed_address_gets_items_no_more(
    client, member_a, django_capture_on_commit_callbacks
):
    client.post(_url(member_a))
    with django_capture_on_commit_callbacks(execute=True):
        sent = email_on_commit(
            to=[member_a, "guest@example.org"],
            subject="Hello",
            template="discussions/email/mention_digest.txt",
            context={"user": member_a, "notices": [], "base_url": ""},
        )
        must = email_on_commit(
            to=[member_a],
            subject="Please acknowledge",
            template="discussions/email/mention_digest.txt",
            context={"user": member_a, "notices": [], "base_url": ""},
            must_acknowledge=True,
        )
    assert (sent, must) == (1, 1)
    assert [email.to for email in mail.outbox] == [["guest@example.org"], [member_a.email]]
