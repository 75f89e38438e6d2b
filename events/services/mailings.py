"""Emails to an event's participants: the one of each registration's status, the reminder the
day before, and the organizer's message to everyone confirmed."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import User
from network.platform.email import email_on_commit
from network.platform.services import absolute_url

from ..enums import RegistrationStatus
from ..models import EventPage, Registration


def status_email(registration, *, subject_prefix, template):
    """One email to the registered person, after commit, in their language."""
    event = registration.event
    email_on_commit(
        to=[registration.user],
        # A function: the subject is read in the person's language (a lazy prefix too).
        subject=lambda recipient: (
            _("%(prefix)s: %(title)s") % {"prefix": subject_prefix, "title": event.title}
        ),
        template=template,
        context={
            "registration": registration,
            "event": event,
            "url": absolute_url(event.url or "/"),
        },
    )


STATUS_TEMPLATES = {
    RegistrationStatus.CONFIRMED: (
        gettext_lazy("Registration confirmed"),
        "events/email/confirmed.txt",
    ),
    RegistrationStatus.WAITLISTED: (
        gettext_lazy("On the waiting list"),
        "events/email/waitlisted.txt",
    ),
    RegistrationStatus.PENDING: (gettext_lazy("Registration received"), "events/email/pending.txt"),
    RegistrationStatus.AWAITING_ORGANIZATION: (
        gettext_lazy("Registration received"),
        "events/email/awaiting_organization.txt",
    ),
    RegistrationStatus.DECLINED: (
        gettext_lazy("Registration declined"),
        "events/email/declined.txt",
    ),
}


def tell(registration):
    """The email of the registration's new status (STATUS_TEMPLATES)."""
    subject, template = STATUS_TEMPLATES[registration.status]
    status_email(registration, subject_prefix=subject, template=template)


@transaction.atomic
def event_email_participants(*, event: EventPage, subject: str, body: str, by: User) -> int:
    """Email every confirmed participant. Returns how many. Side effects: one email each,
    after commit."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    participants = list(
        User.objects.filter(
            event_registrations__event=event,
            event_registrations__status=RegistrationStatus.CONFIRMED,
        )
    )
    if not participants:
        raise ValidationError(_("Nobody is confirmed yet: there is no one to email."))
    return email_on_commit(
        to=participants,
        subject=f"[{event.title}] {subject}",
        template="events/email/message.txt",
        context={"event": event, "body": body, "by": by, "url": absolute_url(event.url or "/")},
    )


@transaction.atomic
def registration_remind_due(*, now=None) -> int:
    """Email confirmed participants of events starting within the next day, once each.

    Idempotent: a reminded registration records reminded_at and is skipped next time.
    Side effects: one email per participant after commit.
    """
    now = now or timezone.now()
    due = (
        Registration.objects.select_for_update(of=("self",))
        .filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            event__live=True,
            event__start__gt=now,
            event__start__lte=now + timedelta(days=1),
        )
        .select_related("user", "event")
    )
    sent = 0
    for registration in due:
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        status_email(
            registration,
            subject_prefix=_("Tomorrow"),
            template="events/email/reminder.txt",
        )
        sent += 1
    return sent
