"""Every write to registrations, outputs and participant mailings.

Capacity is held by a row lock on the event's page: every service that can change the number
of confirmed people locks it first, counts, then writes, so concurrent requests queue behind
each other and never confirm more people than there are seats.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from members.models import Organization, User
from network.discussions.selectors import room_for, rooms_for
from network.discussions.services import room_member_add, room_member_remove
from network.library.validators import file_kind
from network.platform.email import email_on_commit
from network.platform.services import absolute_url, service_save

from .enums import (
    ACTIVE_STATUSES,
    MINUTES_TRANSITIONS,
    MinutesStatus,
    OutputKind,
    RegistrationMode,
    RegistrationStatus,
)
from .models import EventOutput, EventPage, Registration

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


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


def _status_email(registration, *, subject_prefix, template):
    event = registration.event
    email_on_commit(
        to=[registration.user],
        subject=f"{subject_prefix}: {event.title}",
        template=template,
        context={
            "registration": registration,
            "event": event,
            "url": absolute_url(event.url or "/"),
        },
    )


STATUS_TEMPLATES = {
    RegistrationStatus.CONFIRMED: ("Registration confirmed", "events/email/confirmed.txt"),
    RegistrationStatus.WAITLISTED: ("On the waiting list", "events/email/waitlisted.txt"),
    RegistrationStatus.PENDING: ("Registration received", "events/email/pending.txt"),
    RegistrationStatus.DECLINED: ("Registration declined", "events/email/declined.txt"),
}


def _tell(registration):
    subject, template = STATUS_TEMPLATES[registration.status]
    _status_email(registration, subject_prefix=subject, template=template)


def _clean_answers(event, answers):
    answers = answers or {}
    cleaned, missing = {}, []
    for question in event.questions.all():
        value = str(answers.get(question.key, "")).strip()[:2000]
        if question.required and not value:
            missing.append(question.label)
        cleaned[question.label] = value
    if missing:
        raise ValidationError(f"Please answer: {'; '.join(missing)}.")
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
        raise ValidationError("This event is not published.")
    if not event.registration_enabled:
        raise ValidationError("This event does not take registrations on this site.")
    if event.end <= now:
        raise ValidationError("This event is over: registration is closed.")
    if event.registration_opens and now < event.registration_opens:
        local = timezone.localtime(event.registration_opens, event.tz)
        raise ValidationError(f"Registration opens on {local:%-d %B %Y at %H:%M} ({event.tz}).")
    if event.registration_closes and now >= event.registration_closes:
        local = timezone.localtime(event.registration_closes, event.tz)
        raise ValidationError(f"Registration closed on {local:%-d %B %Y at %H:%M} ({event.tz}).")
    if not user.memberships.in_member_organizations().filter(organization=organization).exists():
        raise ValidationError(
            {"organization": "Choose one of the member organizations you belong to."}
        )
    previous = event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED)
    if active := previous.filter(status__in=ACTIVE_STATUSES).first():
        raise ValidationError(
            f"You are already registered for this event (status: {active.get_status_display()})."
        )
    if previous.filter(status=RegistrationStatus.DECLINED).exists():
        raise ValidationError(
            "The organizers declined your registration for this event. Contact them if you "
            "think this is a mistake."
        )
    if event.organization_quota is not None:
        taken = event.registrations.filter(
            organization=organization, status__in=ACTIVE_STATUSES
        ).count()
        if taken >= event.organization_quota:
            raise ValidationError(
                f"{organization.name} already has {taken} of its "
                f"{event.organization_quota} place(s) at this event, so that every agency can "
                "attend. Ask a colleague to cancel, or the organizers to raise the quota."
            )
    cleaned = _clean_answers(event, answers)
    if event.registration_mode == RegistrationMode.APPROVAL:
        status = RegistrationStatus.PENDING
    elif _has_seat(event):
        status = RegistrationStatus.CONFIRMED
    else:
        status = RegistrationStatus.WAITLISTED
    registration = _save_registration(
        Registration(
            event=event, user=user, organization=organization, answers=cleaned, status=status
        )
    )
    _tell(registration)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User) -> Registration:
    """Cancel a registration. In open mode a freed seat goes to the first on the waiting list.

    Side effects: emails the promoted person after commit.
    """
    event = _lock(registration.event)
    registration = Registration.objects.select_related("user").get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError("This registration is not active: there is nothing to cancel.")
    if event.is_past:
        raise ValidationError("This event is over: registrations can no longer be cancelled.")
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
        _status_email(
            registration,
            subject_prefix="A seat is free for you",
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
        raise ValidationError("Choose at least one pending or waitlisted registration.")
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
        _tell(registration)
    return counts


@transaction.atomic
def event_email_participants(*, event: EventPage, subject: str, body: str, by: User) -> int:
    """Email every confirmed participant. Returns how many. Side effects: one email each,
    after commit."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ValidationError("Write a subject and a message.")
    participants = list(
        User.objects.filter(
            event_registrations__event=event,
            event_registrations__status=RegistrationStatus.CONFIRMED,
        )
    )
    if not participants:
        raise ValidationError("Nobody is confirmed yet: there is no one to email.")
    return email_on_commit(
        to=participants,
        subject=f"[{event.title}] {subject}",
        template="events/email/message.txt",
        context={"event": event, "body": body, "by": by, "url": absolute_url(event.url or "/")},
    )


def _check_upload(upload):
    """Refuse anything but a real PDF, DOCX, ODT or XLSX of at most 20 MB."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        kinds = ", ".join(a.upper() for a in allowed)
        raise ValidationError({"file": f"“{name}” is not accepted: upload a {kinds} file."})
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": f"“{name}” is {upload.size / 1024 / 1024:.1f} MB: the limit is 20 MB."}
        )
    # The content decides (network.library.validators), never the name: a ZIP renamed .docx
    # or an HTML page renamed .pdf is refused.
    if file_kind(upload) != extension:
        raise ValidationError(
            {
                "file": f"“{name}” is not a real {extension.upper()} file: its content does not "
                "match its name."
            }
        )


@transaction.atomic
def output_add(
    *,
    event: EventPage,
    by: User,
    kind: str,
    title: str,
    summary: str = "",
    language: str = "en",
    version: str = "",
    file=None,
    link: str = "",
    planned: bool = False,
) -> EventOutput:
    """Attach a typed output, as a Wagtail document, a link, or planned.

    Minutes start as a draft. Side effects: stores the uploaded file.
    """
    output = EventOutput(
        event=event,
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        language=language,
        version=version.strip(),
        link=link,
        planned=planned,
        minutes_status=MinutesStatus.DRAFT if kind == OutputKind.MINUTES else "",
        created_by=by,
    )
    if file is not None:
        _check_upload(file)
        document = get_document_model()(
            title=output.title or file.name,
            file=file,
            collection=Collection.get_first_root_node(),
            uploaded_by_user=by,
        )
        output.document = document
        # Validate everything but the document before the file is written to storage.
        output.full_clean(exclude=["document"])
        document.full_clean()
        document.save()
        output.document = document
    return service_save(output)


@transaction.atomic
def output_transition(*, output: EventOutput, to: str, by: User) -> EventOutput:
    """Move minutes one step: draft → agreed → final. A final version is locked."""
    output = EventOutput.objects.select_for_update().get(pk=output.pk)
    if output.kind != OutputKind.MINUTES:
        raise ValidationError("Only minutes go through draft, agreed and final.")
    if to not in MINUTES_TRANSITIONS[output.minutes_status]:
        current = MinutesStatus(output.minutes_status).label
        if output.minutes_status == MinutesStatus.FINAL:
            raise ValidationError("These minutes are final and locked: they cannot change.")
        raise ValidationError(f"Minutes that are {current.lower()} cannot become “{to}”.")
    output.minutes_status = to
    output.status_changed_by = by
    output.status_changed_at = timezone.now()
    return service_save(output)


@transaction.atomic
def output_update(*, output: EventOutput, by: User, **fields) -> EventOutput:
    """Change an output's summary, title, language or version, unless it is final."""
    output = EventOutput.objects.select_for_update().get(pk=output.pk)
    if output.is_locked:
        raise ValidationError("These minutes are final and locked: they cannot change.")
    allowed = {"title", "summary", "language", "version", "link", "planned"}
    if unknown := set(fields) - allowed:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    for field, value in fields.items():
        setattr(output, field, value)
    return service_save(output)


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
        _status_email(
            registration,
            subject_prefix="Tomorrow",
            template="events/email/reminder.txt",
        )
        sent += 1
    return sent
