"""Every write to minutes drafted here: draft, revise, circulate for sign-off, sign off, close
ended sign-off periods, publish."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Organization, User
from network.platform.services import service_save

from ..enums import AgreedHow, MinutesStatus, OutputKind, SignOffAnswer
from ..models import EventOutput, EventPage, MinutesRevision, MinutesSignOff, Session
from ..selectors import attending_organizations, signoff_organizations_for

LOCKED = _("These minutes are final and locked: a correction is a new revision with a reason.")


def _locked_minutes(output):
    output = EventOutput.objects.select_for_update().get(pk=output.pk)
    if output.kind != OutputKind.MINUTES:
        raise ValidationError(_("Only minutes are drafted, circulated and signed off."))
    return output


def _require_organizer(by, event):
    if not by.has_perm("events.manage_event", event):
        raise PermissionDenied(_("Only the event's organizers do this."))


@transaction.atomic
def minutes_draft(
    *, event: EventPage, by: User, title: str, body: str, session: Session | None = None
) -> EventOutput:
    """Draft minutes in Markdown, of the event or of one of its sessions.
    Side effects: the first revision."""
    _require_organizer(by, event)
    if not body.strip():
        raise ValidationError({"body": _("Write the minutes.")})
    output = service_save(
        EventOutput(
            event=event, session=session, kind=OutputKind.MINUTES, title=title.strip(),
            body=body.strip(), minutes_status=MinutesStatus.DRAFT, created_by=by,
        )
    )  # fmt: skip
    service_save(MinutesRevision(output=output, number=1, body=output.body, by=by))
    return output


@transaction.atomic
def minutes_revise(
    *, output: EventOutput, by: User, body: str, reason: str = "", days: int = 14
) -> EventOutput:
    """A new revision. Once circulated it needs a reason and asks every attending organization
    again, for `days` more; on final minutes it is a correction, with a
    reason, and they stay final. Side effects: the revision; sign-offs reset to pending."""
    output = _locked_minutes(output)
    _require_organizer(by, output.event)
    body, reason = body.strip(), reason.strip()
    if not body:
        raise ValidationError({"body": _("Write the minutes.")})
    if body == output.body:
        raise ValidationError({"body": _("The text is unchanged: there is nothing to revise.")})
    if output.minutes_status != MinutesStatus.DRAFT and not reason:
        raise ValidationError(
            {"reason": _("Say why they change: the attending organizations have seen them.")}
        )
    last = output.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    correction = output.minutes_status == MinutesStatus.FINAL
    service_save(
        MinutesRevision(
            output=output, number=last + 1, body=body, reason=reason, correction=correction,
            by=by,
        )
    )  # fmt: skip
    output.body = body
    if output.minutes_status in (MinutesStatus.CIRCULATED, MinutesStatus.AGREED):
        output.signoff_until = timezone.now() + timedelta(days=days)
        output.minutes_status = MinutesStatus.CIRCULATED
        output.agreed_how = ""
        output.signoffs.update(
            answer=SignOffAnswer.PENDING, comment="", by=None, answered_at=None,
            revision=last + 1,
        )  # fmt: skip
    output.status_changed_by = by
    output.status_changed_at = timezone.now()
    return service_save(output)


@transaction.atomic
def minutes_circulate(*, output: EventOutput, by: User, days: int) -> EventOutput:
    """Ask every organization with a confirmed participant at the event to sign off within
    `days` (minutes drafted here, or uploaded as a document).
    Side effects: one pending sign-off per attending organization."""
    output = _locked_minutes(output)
    _require_organizer(by, output.event)
    if output.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError(_("Only draft minutes are circulated; these are already further."))
    if not 1 <= days <= 90:
        raise ValidationError({"days": _("The sign-off period is 1 to 90 days.")})
    organizations = list(attending_organizations(output.event))
    if not organizations:
        raise ValidationError(
            _("No organization has a confirmed participant: there is nobody to sign them off.")
        )
    revision = output.revisions.order_by("-number").values_list("number", flat=True).first() or 1
    MinutesSignOff.objects.bulk_create(
        MinutesSignOff(output=output, organization=organization, revision=revision)
        for organization in organizations
    )
    now = timezone.now()
    output.minutes_status = MinutesStatus.CIRCULATED
    output.signoff_until = now + timedelta(days=days)
    output.status_changed_by = by
    output.status_changed_at = now
    return service_save(output)


@transaction.atomic
def minutes_sign_off(
    *, output: EventOutput, organization: Organization, by: User, approve: bool, comment: str = ""
) -> MinutesSignOff:
    """An attending organization's answer, given by its focal point, alternate or the person who
    attended for it. When every organization approved, the minutes are agreed.
    Side effects: the answer; possibly the minutes' status."""
    output = _locked_minutes(output)
    if output.minutes_status == MinutesStatus.FINAL:
        raise ValidationError(_("These minutes are final and locked: sign-off is over."))
    if output.minutes_status != MinutesStatus.CIRCULATED:
        raise ValidationError(_("These minutes are not circulated for sign-off."))
    signoff = output.signoffs.select_for_update().filter(organization=organization).first()
    if signoff is None:
        raise ValidationError(
            _("%(organization)s did not attend: it is not asked to sign these minutes off.")
            % {"organization": organization.name}
        )
    if organization.pk not in {o.pk for o in signoff_organizations_for(by, output)}:
        raise PermissionDenied(
            _("Only %(organization)s's focal point, alternate or the person who attended for it "
              "signs off for it.") % {"organization": organization.name}
        )  # fmt: skip
    if signoff.answer != SignOffAnswer.PENDING:
        raise ValidationError(
            _("%(organization)s has already answered for this revision.")
            % {"organization": organization.name}
        )
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    signoff.answer = SignOffAnswer.APPROVED if approve else SignOffAnswer.CHANGE_REQUESTED
    signoff.comment = comment
    signoff.by = by
    signoff.answered_at = timezone.now()
    service_save(signoff)
    if not output.signoffs.exclude(answer=SignOffAnswer.APPROVED).exists():
        output.minutes_status = MinutesStatus.AGREED
        output.agreed_how = AgreedHow.APPROVED
        output.status_changed_by = None
        output.status_changed_at = timezone.now()
        service_save(output)
    return signoff


@transaction.atomic
def minutes_close_ended_periods(*, now=None) -> int:
    """Circulated minutes whose sign-off period ended with no request for a change are agreed
    (an objection keeps them circulated until the organizers revise). Returns how many."""
    now = now or timezone.now()
    ended = (
        EventOutput.objects.select_for_update()
        .filter(minutes_status=MinutesStatus.CIRCULATED, signoff_until__lte=now)
        .exclude(signoffs__answer=SignOffAnswer.CHANGE_REQUESTED)
    )
    count = 0
    for output in ended:
        output.minutes_status = MinutesStatus.AGREED
        output.agreed_how = AgreedHow.PERIOD_ENDED
        output.status_changed_by = None
        output.status_changed_at = now
        service_save(output)
        count += 1
    return count


@transaction.atomic
def minutes_publish(*, output: EventOutput, by: User) -> EventOutput:
    """Agreed minutes become final, and locked. Side effects: none beyond the status."""
    output = _locked_minutes(output)
    _require_organizer(by, output.event)
    if output.minutes_status == MinutesStatus.FINAL:
        raise ValidationError(_("These minutes are already final."))
    if output.minutes_status != MinutesStatus.AGREED:
        raise ValidationError(
            _("Only agreed minutes are published: the attending organizations sign them off first.")
        )
    output.minutes_status = MinutesStatus.FINAL
    output.status_changed_by = by
    output.status_changed_at = timezone.now()
    return service_save(output)
