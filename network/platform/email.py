"""The one way the platform sends email."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.template.loader import render_to_string

from .tasks import send_email


def email_on_commit(
    *,
    to: Iterable[Any],
    subject: str | Callable[[Any], str],
    template: str,
    context: dict,
) -> int:
    """Render now, send after commit: a rolled-back write mails nobody.

    `to` holds users or bare addresses; empty addresses and inactive users are skipped and
    each address is mailed once. Every recipient gets a message of their own with only their
    address in To, so nobody learns who else was told. The body is rendered per recipient
    with `recipient` in its context (the user, or an anonymous visitor for a bare address),
    so it can name people only as far as that recipient may see them; `subject` may likewise
    be a function of the recipient. Returns how many messages are queued.
    """
    messages, seen = [], set()
    for recipient in to:
        if isinstance(recipient, str):
            address, recipient = recipient, AnonymousUser()
        else:
            address = recipient.email if recipient.is_active else ""
        if not address or address.lower() in seen:
            continue
        seen.add(address.lower())
        messages.append(
            {
                "to": address,
                "subject": subject(recipient) if callable(subject) else subject,
                "body": render_to_string(template, {**context, "recipient": recipient}),
            }
        )
    if messages:
        transaction.on_commit(lambda: [send_email.enqueue(**message) for message in messages])
    return len(messages)
