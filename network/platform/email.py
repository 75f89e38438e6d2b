"""The one way the platform sends email."""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .languages import email_language
from .models import EmailFrequency, EmailPreference
from .tasks import send_email

UNSUBSCRIBE_SALT = "network.platform.email.unsubscribe"
# How long an unsubscribe link works: long enough for an old email, not for ever.
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90


def frequencies_of(addresses: Iterable[str]) -> dict[str, str]:
    """{lowercased address: frequency} in one query; missing addresses mean IMMEDIATE."""
    wanted = {address.lower() for address in addresses if address}
    known = dict(
        EmailPreference.objects.filter(address__in=wanted).values_list("address", "frequency")
    )
    return {address: known.get(address, EmailFrequency.IMMEDIATE) for address in wanted}


def unsubscribe_token(address: str) -> str:
    return signing.dumps(address.lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_address(token: str) -> str | None:
    """The address a token was made for, or None if it was tampered with or has expired."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None


def _base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def unsubscribe_url(address: str) -> str:
    return _base_url() + reverse("email:unsubscribe", args=[unsubscribe_token(address)])


def _footer(unsubscribe: str) -> str:
    return "\n\n-- \n" + _(
        "Choose how the network emails you: %(preferences)s\n"
        "Stop these emails (one click, no sign-in needed): %(unsubscribe)s"
    ) % {"preferences": _base_url() + reverse("email:preferences"), "unsubscribe": unsubscribe}


def email_on_commit(
    *,
    to: Iterable[Any],
    subject: str | Callable[[Any], str],
    template: str,
    context: dict,
    must_acknowledge: bool = False,
    digest: bool = False,
) -> int:
    """Render now, send after commit: a rolled-back write mails nobody.

    `to` holds users or bare addresses; empty addresses and inactive users are skipped and
    each address is mailed once. Every recipient gets a message of their own with only their
    address in To, so nobody learns who else was told. The body is rendered per recipient
    with `recipient` in its context (the user, or an anonymous visitor for a bare address),
    so it can name people only as far as that recipient may see them; `subject` may likewise
    be a function of the recipient. Returns how many messages are queued.

    Each address's EmailPreference is honoured: an ordinary item goes only to addresses that
    want each item as it happens (the others read it in their digest, or not at all); one
    that `must_acknowledge` goes to everyone; a `digest` is sent as asked (its builder chose
    the recipient). Every message carries a footer linking to the preferences page and a
    one-click unsubscribe link, also as RFC 8058 List-Unsubscribe headers. Subject, body and
    footer are in the recipient's language: pass a lazy (gettext_lazy) subject or a function.
    """
    recipients, seen = [], set()
    for recipient in to:
        if isinstance(recipient, str):
            address, recipient = recipient, AnonymousUser()
        else:
            address = recipient.email if recipient.is_active else ""
        if not address or address.lower() in seen:
            continue
        seen.add(address.lower())
        recipients.append((address, recipient))
    if not (must_acknowledge or digest):
        frequencies = frequencies_of(address for address, _recipient in recipients)
        recipients = [
            (address, recipient)
            for address, recipient in recipients
            if frequencies[address.lower()] == EmailFrequency.IMMEDIATE
        ]
    messages = []
    for address, recipient in recipients:
        unsubscribe = unsubscribe_url(address)
        # In the recipient's language (their profile's, else the site's), whoever wrote:
        # a lazy subject is read here too.
        with translation.override(email_language(recipient)):
            messages.append(
                {
                    "to": address,
                    "subject": str(subject(recipient) if callable(subject) else subject),
                    "body": render_to_string(template, {**context, "recipient": recipient})
                    + _footer(unsubscribe),
                    "headers": {
                        "List-Unsubscribe": f"<{unsubscribe}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    },
                }
            )
    if messages:
        transaction.on_commit(lambda: [send_email.enqueue(**message) for message in messages])
    return len(messages)
