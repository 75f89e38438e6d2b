"""Every write to registrations (their emails: mailings.py).

Capacity is held by a row lock on the event's page: every service that can change the number
of confirmed people locks it first, counts, then writes, so concurrent requests queue behind
each other and never confirm more people than there are seats.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import Page

from members.enums import SPOKESPERSON_ROLES
from members.models import Organization, User
from network.discussions.selectors import room_for, rooms_for
from network.discussions.services import room_member_add, room_member_remove
from network.platform.email import email_on_commit
from network.platform.services import absolute_url, service_save

from ..enums import (
    ACTIVE_STATUSES,
    REGISTRATION_TRANSITIONS,
    RegistrationMode,
    RegistrationStatus,
)
from ..models import EventPage, Registration
from ..selectors import organization_deadline, organization_registrations_url, quota_used
from .mailings import status_email, tell


def _save_registration(registration):
    """Save a registration and keep the event's restricted rooms (its own and its sessions')
    in step: confirmed participants are in them, anyone else is taken out (their sockets close
    after commit)."""
    service_save(registration)
    event = registration.event
    rooms = [room_for(event), *rooms_for(event.sessions.all()).values()]
    for room in filter(None, rooms):
        if registration.status == RegistrationStatus.CONFIRMED:
            room_member_add(room=room, user=registration.user)
        else:
            room_member_remove(room=room, user=registration.user)
    return registration


def _lock(event):
    """Lock the event's page row for the rest of the transaction and return a fresh event."""
    Page.objects.select_for_update().filter(pk=event.pk).first()
    return EventPage.objects.get(pk=event.pk)


def _confirmed_count(event):
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _has_seat(event):
    return event.capacity is None or _confirmed_count(event) < event.capacity


def _entry_status(event):
    """The status a registration the organization let through gets: the event's own flow.
    Caller holds the lock."""
    if event.registration_mode == RegistrationMode.APPROVAL:
        return RegistrationStatus.PENDING
    if _has_seat(event):
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED


def _move(registration, to):
    """Check the status change against REGISTRATION_TRANSITIONS (enums.py)."""
    if to not in REGISTRATION_TRANSITIONS[registration.status]:
        raise ValidationError(
            _("This registration cannot go from “%(before)s” to “%(after)s”.")
            % {
                "before": registration.get_status_display(),
                "after": RegistrationStatus(to).label,
            }
        )
    registration.status = to


def _ask_organization(registration):
    """Email each focal point and alternate of the organization (but the person) that a
    registration awaits them, in their own language and as their email preference says (the
    desk and the digest list it too)."""
    event, organization = registration.event, registration.organization
    spokespeople = User.objects.filter(
        memberships__organization=organization,
        memberships__role__in=SPOKESPERSON_ROLES,
        is_active=True,
    ).exclude(pk=registration.user_id)
    email_on_commit(
        to=spokespeople,
        subject=lambda recipient: (
            _("A registration awaits your approval: %(title)s") % {"title": event.title}
        ),
        template="events/email/organization_asked.txt",
        context={
            "registration": registration,
            "event": event,
            "organization": organization,
            "quota": event.organization_quota,
            "used": quota_used(event, organization),
            "url": absolute_url(organization_registrations_url(event, organization)),
        },
    )


def _when(local, event):
    """A moment in the event's time zone, in words of the active language."""
    return {
        "date": dateformat.format(local, pgettext("date format", "j F Y")),
        "time": dateformat.format(local, "H:i"),
        "zone": event.tz,
    }


def _clean_answers(event, answers):
    answers = answers or {}
    cleaned, missing = {}, []
    for question in event.questions.all():
        value = str(answers.get(question.key, "")).strip()[:2000]
        if question.required and not value:
            missing.append(question.label)
        cleaned[question.label] = value
    if missing:
        raise ValidationError(
            _("Please answer: %(questions)s.") % {"questions": "; ".join(missing)}
        )
    return cleaned


@transaction.atomic
def registration_create(
    *,
    event: EventPage,
    user: User,
    organization: Organization,
    answers: dict | None = None,
) -> Registration:
    """Register a person for an event on behalf of one of their organizations.

    Open mode: confirmed while seats remain, else waitlisted. Approval mode: pending.
    Side effects: emails the person their status after commit.
    """
    event = _lock(event)
    now = timezone.now()
    if not event.live:
        raise ValidationError(_("This event is not published."))
    if not event.registration_enabled:
        raise ValidationError(_("This event does not take registrations on this site."))
    if event.end <= now:
        raise ValidationError(_("This event is over: registration is closed."))
    if event.registration_opens and now < event.registration_opens:
        local = timezone.localtime(event.registration_opens, event.tz)
        raise ValidationError(
            _("Registration opens on %(date)s at %(time)s (%(zone)s).") % _when(local, event)
        )
    if event.registration_closes and now >= event.registration_closes:
        local = timezone.localtime(event.registration_closes, event.tz)
        raise ValidationError(
            _("Registration closed on %(date)s at %(time)s (%(zone)s).") % _when(local, event)
        )
    if not user.memberships.in_member_organizations().filter(organization=organization).exists():
        raise ValidationError(
            {"organization": _("Choose one of the member organizations you belong to.")}
        )
    previous = event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED)
    if active := previous.filter(status__in=ACTIVE_STATUSES).first():
        raise ValidationError(
            _("You are already registered for this event (status: %(status)s).")
            % {"status": active.get_status_display()}
        )
    if previous.filter(status=RegistrationStatus.DECLINED).exists():
        raise ValidationError(
            _(
                "The organizers declined your registration for this event. Contact them if you "
                "think this is a mistake."
            )
        )
    if previous.filter(
        status=RegistrationStatus.ORGANIZATION_DECLINED, organization=organization
    ).exists():
        raise ValidationError(
            _(
                "%(organization)s declined your registration for this event. Ask its focal "
                "point or alternate if you think this is a mistake."
            )
            % {"organization": organization.name}
        )
    if event.organization_quota is not None:
        taken = quota_used(event, organization)
        if taken >= event.organization_quota:
            raise ValidationError(
                _(
                    "%(organization)s already has %(taken)s of its %(quota)s place(s) at this "
                    "event, so that every agency can attend. Ask a colleague to cancel, or the "
                    "organizers to raise the quota."
                )
                % {
                    "organization": organization.name,
                    "taken": taken,
                    "quota": event.organization_quota,
                }
            )
    cleaned = _clean_answers(event, answers)
    registration = Registration(event=event, user=user, organization=organization, answers=cleaned)
    if event.organization_quota is None:
        registration.status = _entry_status(event)
    elif user.memberships.spokespeople().filter(organization=organization).exists():
        # A focal point or alternate registering themself for their own organization would
        # only approve their own request: the step is skipped, and recorded as their decision
        # (the quota was checked above, as an approval checks it).
        registration.status = _entry_status(event)
        registration.organization_decided_by = user
        registration.organization_decided_at = now
    else:
        # The organization chooses who uses its places: its spokespeople decide first.
        registration.status = RegistrationStatus.AWAITING_ORGANIZATION
    _save_registration(registration)
    tell(registration)
    if registration.status == RegistrationStatus.AWAITING_ORGANIZATION:
        _ask_organization(registration)
    return registration


@transaction.atomic
def registration_organization_decide(
    *, registration: Registration, approve: bool, by: User
) -> Registration:
    """The organization's focal point or alternate approves or declines a registration that
    awaits it (events with a per-organization quota).

    Approving is refused over the quota and after the organization's deadline; an approved
    registration enters the event's own flow (confirmed or waitlisted in open mode, pending
    the organizers in approval mode). Records who decided and when. Side effects: emails the
    person the organization's decision after commit (and their new status).
    """
    event = _lock(registration.event)
    registration = Registration.objects.select_related("user", "organization").get(
        pk=registration.pk
    )
    registration.event = event
    organization = registration.organization
    if not by.has_perm("events.approve_for_organization", organization):
        raise PermissionDenied(
            _("Only the focal point or alternate of %(organization)s decides who it sends.")
            % {"organization": organization.name}
        )
    if registration.status != RegistrationStatus.AWAITING_ORGANIZATION:
        raise ValidationError(
            _("This registration no longer awaits your organization (status: %(status)s).")
            % {"status": registration.get_status_display()}
        )
    now = timezone.now()
    if approve:
        deadline = organization_deadline(event)
        if now >= deadline:
            local = timezone.localtime(deadline, event.tz)
            raise ValidationError(
                _(
                    "Registration for this event closed on %(date)s at %(time)s (%(zone)s): "
                    "it can no longer be approved."
                )
                % _when(local, event)
            )
        quota = event.organization_quota
        used = quota_used(event, organization)
        if quota is not None and used >= quota:
            raise ValidationError(
                _(
                    "%(organization)s already uses %(used)s of its %(quota)s place(s) at this "
                    "event: this registration cannot be approved. Decline it, or ask a colleague "
                    "to cancel theirs first."
                )
                % {"organization": organization.name, "used": used, "quota": quota}
            )
        _move(registration, _entry_status(event))
    else:
        _move(registration, RegistrationStatus.ORGANIZATION_DECLINED)
    registration.organization_decided_by = by
    registration.organization_decided_at = now
    _save_registration(registration)
    status_email(
        registration,
        subject_prefix=(
            gettext_lazy("Your organization approved your registration")
            if approve
            else gettext_lazy("Your organization declined your registration")
        ),
        template=(
            "events/email/organization_approved.txt"
            if approve
            else "events/email/organization_declined.txt"
        ),
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User) -> Registration:
    """Cancel a registration. In open mode a freed seat goes to the first on the waiting list.

    Side effects: emails the promoted person after commit.
    """
    event = _lock(registration.event)
    registration = Registration.objects.select_related("user").get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError(_("This registration is not active: there is nothing to cancel."))
    if event.is_past:
        raise ValidationError(_("This event is over: registrations can no longer be cancelled."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.decided_by = by
    registration.decided_at = timezone.now()
    _save_registration(registration)
    if was_confirmed and event.registration_mode == RegistrationMode.OPEN:
        _promote(event)
    return registration


def _promote(event):
    """Fill free seats from the waiting list, first come first served. Caller holds the lock."""
    promoted = []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).select_related(
        "user", "event"
    )
    for registration in waiting.order_by("created_at", "pk"):
        if not _has_seat(event):
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.decided_at = timezone.now()
        _save_registration(registration)
        status_email(
            registration,
            subject_prefix=_("A seat is free for you"),
            template="events/email/promoted.txt",
        )
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_decide(
    *, event: EventPage, registration_ids: list[int], accept: bool, by: User
) -> dict:
    """Accept or decline pending and waitlisted registrations in bulk.

    Accepting confirms while seats remain and waitlists the rest. Returns how many were
    confirmed, waitlisted and declined. Side effects: emails each person after commit.
    """
    event = _lock(event)
    chosen = (
        event.registrations.filter(
            pk__in=registration_ids,
            status__in=[RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED],
        )
        .select_related("user", "event")
        .order_by("created_at", "pk")
    )
    counts = {"confirmed": 0, "waitlisted": 0, "declined": 0}
    chosen = list(chosen)
    if not chosen:
        raise ValidationError(_("Choose at least one pending or waitlisted registration."))
    for registration in chosen:
        before = registration.status
        if not accept:
            registration.status = RegistrationStatus.DECLINED
        elif _has_seat(event):
            registration.status = RegistrationStatus.CONFIRMED
        else:
            registration.status = RegistrationStatus.WAITLISTED
        counts[registration.status] += 1
        if registration.status == before:
            continue
        registration.decided_by = by
        registration.decided_at = timezone.now()
        _save_registration(registration)
        tell(registration)
    return counts
