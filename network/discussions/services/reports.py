"""Reports of messages: a reader tells the room's moderators, who hide the message or dismiss
the report."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from members.models import User
from network.platform.email import email_on_commit
from network.platform.services import absolute_url, service_save

from .. import selectors
from ..enums import ReportReason, ReportStatus
from ..models import Message, MessageReport
from .common import _require
from .messages import message_hide, reports_changed, reports_resolve


def _subject(report):
    if report.reason == ReportReason.PERSONAL_DATA:
        return gettext_lazy("Urgent: a message may hold personal data of a trafficked person")
    return gettext_lazy("A message was reported in a room you moderate")


@transaction.atomic
def message_report_create(
    *, message: Message, reporter: User, reason: str, comment: str = ""
) -> MessageReport:
    """Report a message to its room's moderators, once per person.

    Raises PermissionDenied when the reporter may not read the message or wrote it, and
    ValidationError when it is no longer shown, was already reported by them, or the reason
    is unknown. Side effects: after commit, one email to each moderator of the room who may
    read it (not its author), in their language and as their preferences ask; the report
    appears on their desk and on the secretariat's dashboard.
    """
    _require(
        reporter,
        "discussions.report_message",
        message,
        gettext("You cannot report this message."),
    )
    if not message.is_visible:
        raise ValidationError(gettext("This message is no longer shown."), code="gone")
    if MessageReport.objects.filter(message=message, reporter=reporter).exists():
        raise ValidationError(gettext("You have already reported this message."), code="twice")
    report = service_save(
        MessageReport(
            message=message, reporter=reporter, reason=reason, comment=(comment or "").strip()
        )
    )
    reports_changed()
    # Recipients are read now, inside the transaction; the room's closed text goes only to
    # people who may read it (people_to_tell_of_report checks the view rule's audience).
    email_on_commit(
        to=list(selectors.people_to_tell_of_report(message)),
        subject=_subject(report),
        template="discussions/email/report.txt",
        context={
            "report": report,
            "room": message.room,
            "topic": message.topic,
            "excerpt": selectors.excerpt(message.body),
            "url": absolute_url(report.get_absolute_url()),
        },
    )
    return report


@transaction.atomic
def message_report_resolve(
    *, report: MessageReport, by: User, hide: bool, note: str = ""
) -> MessageReport:
    """Decide on a report: hide the message (through message_hide, which broadcasts its
    removal) or take no action. Every open report of the same message is resolved with it,
    recording who, when and the note.

    Raises PermissionDenied when `by` may not handle it, ValidationError when it is resolved
    already. Side effects: with `hide`, after commit, clients remove the message.
    """
    _require(by, "discussions.handle_report", report)
    report = (
        MessageReport.objects.select_for_update().select_related("message__room").get(pk=report.pk)
    )
    if not report.is_open:
        raise ValidationError(
            gettext("This report was already resolved (%(status)s).")
            % {"status": report.get_status_display()},
            code="resolved",
        )
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": gettext("The note is at most 300 characters.")})
    if hide:
        # message_hide resolves the message's open reports as hidden, with the same note.
        message_hide(message=report.message, by=by, reason=note)
    else:
        reports_resolve(message=report.message, by=by, status=ReportStatus.DISMISSED, note=note)
    report.refresh_from_db()
    return report
