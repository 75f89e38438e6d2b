"""Writes for formal notices."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership, Organization
from network.platform.email import email_on_commit
from network.platform.services import absolute_url, service_save

from .models import Notice, NoticeAcknowledgement
from .rules import may_acknowledge


def _spokespeople(organizations):
    return Membership.objects.spokespeople().filter(organization__in=organizations).users()


@transaction.atomic
def notice_send(
    *, by, title, body, organizations, to_all_members, acknowledge_by, is_public=False
) -> Notice:
    """Create the notice for the chosen organizations (or every member organization) and, on
    commit, email every spokesperson of each. No recipients is a ValidationError."""
    if not by.has_perm("desk.add_notice"):
        raise PermissionDenied(_("Only the secretariat sends notices."))
    recipients = list(
        Organization.objects.members()
        if to_all_members
        else Organization.objects.members().filter(pk__in=[o.pk for o in organizations])
    )
    if not recipients:
        raise ValidationError(
            {"organizations": _("Choose at least one member organization, or all of them.")}
        )
    notice = Notice(
        title=title, body=body, acknowledge_by=acknowledge_by, is_public=is_public, sent_by=by
    )
    service_save(notice)
    notice.recipients.set(recipients)
    email_on_commit(
        to=_spokespeople(recipients),
        # A function: each recipient reads the subject in their own language.
        subject=lambda recipient: _("Notice from the network: %(title)s") % {"title": title},
        template="desk/email/notice_sent.txt",
        context={"notice": notice, "url": absolute_url(notice.get_absolute_url())},
        must_acknowledge=True,
    )
    return notice


@transaction.atomic
def notice_acknowledge(*, notice, organization, by, comment="", now=None) -> NoticeAcknowledgement:
    """Acknowledge for the organization (its focal point or alternate only). After the
    deadline it is still taken, marked late. A second acknowledgement is refused."""
    if not may_acknowledge(by, notice, organization):
        raise PermissionDenied(
            _(
                "Only the focal point or alternate of an organization the notice went to "
                "may acknowledge it."
            )
        )
    if NoticeAcknowledgement.objects.filter(notice=notice, organization=organization).exists():
        raise ValidationError(_("Your organization has already acknowledged this notice."))
    now = now or timezone.now()
    acknowledgement = NoticeAcknowledgement(
        notice=notice,
        organization=organization,
        by=by,
        at=now,
        comment=comment,
        is_late=now > notice.acknowledge_by,
    )
    try:
        with transaction.atomic():
            service_save(acknowledgement)
    except IntegrityError:
        # A concurrent acknowledgement won the race.
        raise ValidationError(
            _("Your organization has already acknowledged this notice.")
        ) from None
    return acknowledgement


@transaction.atomic
def notice_remind(*, notice, by) -> int:
    """Email the spokespeople of the organizations that have not acknowledged, on commit.
    Returns how many messages are queued."""
    if not by.has_perm("desk.remind_notice"):
        raise PermissionDenied(_("Only the secretariat sends reminders."))
    waiting = notice.recipients.exclude(pk__in=notice.acknowledgements.values("organization_id"))
    return email_on_commit(
        to=_spokespeople(waiting),
        subject=lambda recipient: (
            _("Reminder: please acknowledge “%(title)s”") % {"title": notice.title}
        ),
        template="desk/email/notice_reminder.txt",
        context={"notice": notice, "url": absolute_url(notice.get_absolute_url())},
        must_acknowledge=True,
    )
