"""Messages: posted (saved before they are broadcast), edited, deleted and hidden, with
mentions and notifications."""

import time
import uuid

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from members.models import User
from network.platform.cache import app_version, bump
from network.platform.languages import content_language
from network.platform.services import service_save

from .. import events, markdown, selectors
from ..enums import NotificationKind, ReportStatus, RevisionAction
from ..models import (
    Mention,
    Message,
    MessageReport,
    MessageRevision,
    Mute,
    Notification,
    Room,
    Topic,
    TopicFollow,
)
from .common import (
    MAX_MENTIONS,
    MENTION_RE,
    RATE_LIMIT,
    RATE_WINDOW,
    _require,
    logger,
)
from .topics import _topic_by_title

# Messages.


def _within_rate_limit(user) -> bool:
    """A sliding window: the times of the person's recent messages, kept in the shared cache.

    Read-modify-write, so two posts in the same instant on two servers may both pass; the
    limit is against floods, not an exact quota.
    """
    key = f"discussions:rate:{user.pk}"
    now = time.time()
    try:
        recent = [t for t in cache.get(key, []) if t > now - RATE_WINDOW]
        if len(recent) >= RATE_LIMIT:
            return False
        cache.set(key, [*recent, now], RATE_WINDOW)
    except Exception:  # a cache outage must not stop people talking
        logger.warning("Rate limit cache unavailable; letting the message through.")
    return True


def _mentioned(room, body, author):
    """People named as `@display name` or `@email-local-part` who can see the room."""
    found = [(m.start(), m.group(1).rstrip(".").lower()) for m in MENTION_RE.finditer(body)]
    found = found[:MAX_MENTIONS]
    if not found:
        return []
    query = Q()
    for _, token in found:
        query |= Q(email__istartswith=f"{token}@") | Q(display_name__istartswith=token)
    lowered = body.lower()
    people = []
    for person in (
        selectors.people_who_can_view(room).filter(query).exclude(pk=author.pk)[: MAX_MENTIONS * 5]
    ):
        local, name = person.email.split("@")[0].lower(), person.display_name.lower()
        for start, token in found:
            after = lowered[start + 1 :]
            named = bool(name) and after.startswith(name)
            if named and len(after) > len(name) and (after[len(name)].isalnum()):
                named = False
            if token == local or named:
                people.append(person)
                break
    return people[:MAX_MENTIONS]


def _notify(message, mentioned):
    Mention.objects.bulk_create(
        [Mention(message=message, user=person) for person in mentioned], ignore_conflicts=True
    )
    notices = [
        Notification(user=person, message=message, kind=NotificationKind.MENTION)
        for person in mentioned
    ]
    skip = {message.author_id, *(person.pk for person in mentioned)}
    followers = (
        selectors.people_who_can_view(message.room)
        .filter(pk__in=TopicFollow.objects.filter(topic=message.topic).values("user_id"))
        .exclude(pk__in=skip)
        .values_list("pk", flat=True)
    )
    notices += [
        Notification(user_id=pk, message=message, kind=NotificationKind.FOLLOW) for pk in followers
    ]
    Notification.objects.bulk_create(notices, ignore_conflicts=True)


@transaction.atomic
def message_post(
    *,
    room: Room,
    author: User,
    body: str,
    topic: Topic | None = None,
    topic_title: str = "",
    client_id: uuid.UUID | str | None = None,
    language: str = "",
) -> Message:
    """Save a message in a topic (an existing one, or found or opened by title), recording
    the language it is written in (`language`; left empty, the author's active language).

    A second call with the same author and client_id returns the first message unchanged.
    Raises ValidationError with code rate_limited, muted, locked or invalid, PermissionDenied
    when the author may not post. Side effects: Mention and Notification rows (mentions and
    topic followers who can see the room); after commit, the message is broadcast to the room.
    """
    if client_id is not None:
        try:
            client_id = uuid.UUID(str(client_id))
        except ValueError as error:
            raise ValidationError("client_id must be a UUID.", code="invalid") from error
        existing = (
            Message.objects.filter(author=author, client_id=client_id)
            .select_related("author", "topic")
            .first()
        )
        if existing is not None:
            if existing.room_id != room.pk:
                raise ValidationError(
                    gettext("This client_id was used in another room."), code="invalid"
                )
            return existing
    if not author.has_perm("discussions.view_room", room):
        raise PermissionDenied(gettext("You may not post in this room."))
    if room.is_archived:
        raise ValidationError(
            gettext("This room is archived: it takes no new messages."), code="archived"
        )
    mute = Mute.objects.filter(room=room, user=author, until__gt=timezone.now()).first()
    if mute is not None:
        raise ValidationError(
            gettext("You are muted in this room until %(until)s UTC.")
            % {"until": date_format(mute.until, "d M Y H:i")},
            code="muted",
        )
    if not _within_rate_limit(author):
        raise ValidationError(
            gettext("Slow down: at most %(count)s messages in %(seconds)s seconds.")
            % {"count": RATE_LIMIT, "seconds": RATE_WINDOW},
            code="rate_limited",
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError(gettext("Write a message first."), code="invalid")
    if topic is None:
        topic = _topic_by_title(room, topic_title, author)
    # Lock the topic row, so that a move cannot slip between this check and the save.
    current = Topic.objects.select_for_update().filter(pk=topic.pk).values("room_id", "locked")
    current = current.first() or {"room_id": None, "locked": False}
    if current["room_id"] != room.pk:
        raise ValidationError(gettext("That topic is in another room."), code="invalid")
    if topic.locked or current["locked"]:
        raise ValidationError(
            gettext("This topic is locked: it takes no new messages."), code="locked"
        )
    message = Message(
        room=room,
        topic=topic,
        author=author,
        body=body,
        body_html=markdown.render(body),
        language=content_language(language),
        client_id=client_id or uuid.uuid4(),
    )
    message.full_clean()
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # The same resend raced itself: the other request saved it first.
        return Message.objects.select_related("author", "topic").get(
            author=author, client_id=message.client_id
        )
    Topic.objects.filter(pk=topic.pk).update(last_message_at=message.created)
    _notify(message, _mentioned(room, body, author))
    events.message_on_commit(message)
    return message


@transaction.atomic
def message_edit(*, message: Message, by: User, body: str, language: str = "") -> Message:
    """Change a message's text, and the language it is written in when `language` names
    another; the previous text is kept as a revision for moderators.

    Side effects: newly mentioned people are notified; after commit, the edited message is
    broadcast to the room.
    """
    _require(
        by, "discussions.change_message", message, gettext("You can only edit your own messages.")
    )
    if not message.is_visible:
        raise ValidationError(gettext("This message is no longer shown."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(gettext("A message cannot be empty: delete it instead."))
    language = language or message.language
    if body == message.body and language == message.language:
        return message
    if body == message.body:  # only the language: no new text, so no revision to keep
        message.language = language
        service_save(message)
        events.message_on_commit(message)
        return message
    revision = MessageRevision(
        message=message, action=RevisionAction.EDIT, body=message.body, by=by
    )
    message.body, message.body_html = body, markdown.render(body)
    message.language = language
    message.edited_at = timezone.now()
    service_save(message)
    revision.save()
    _notify(message, _mentioned(message.room, body, message.author))
    events.message_on_commit(message)
    return message


@transaction.atomic
def message_delete(*, message: Message, by: User) -> Message:
    """Delete one's own message: gone for everybody but moderators, who keep its text.

    Side effects: after commit, clients are told to remove it (message.hidden).
    """
    _require(
        by, "discussions.delete_message", message, gettext("You can only delete your own messages.")
    )
    if message.deleted_at is not None:
        return message
    MessageRevision.objects.create(
        message=message, action=RevisionAction.DELETE, body=message.body, by=by
    )
    message.deleted_at = timezone.now()
    service_save(message)
    events.message_hidden_on_commit(message)
    return message


@transaction.atomic
def message_hide(*, message: Message, by: User, reason: str = "") -> Message:
    """A moderator hides a message at once. Side effects: its open reports are resolved as
    hidden (by, now, the reason); after commit, clients remove it."""
    _require(by, "discussions.moderate_room", message)
    if not message.hidden:
        message.hidden, message.hidden_by, message.hidden_at = True, by, timezone.now()
        message.hidden_reason = reason.strip()[:300]
        service_save(message)
        events.message_hidden_on_commit(message)
    reports_resolve(message=message, by=by, status=ReportStatus.HIDDEN, note=reason)
    return message


def reports_resolve(*, message: Message, by: User, status: str, note: str = "") -> int:
    """Resolve every open report of a message with `status`, recording who, when and the note
    (for message_hide and message_report_resolve, inside their transactions). Each is saved,
    so that the desks and the dashboard that list them learn of it. Returns how many."""
    reports = list(
        MessageReport.objects.select_for_update().filter(message=message, status=ReportStatus.OPEN)
    )
    now = timezone.now()
    for report in reports:
        report.status, report.resolved_by, report.resolved_at = status, by, now
        report.resolution_note = (note or "").strip()[:300]
        service_save(report)
    if reports:
        reports_changed()
    return len(reports)


def reports_changed():
    """Desks cache their counts under the versions of the apps whose writes change them; the
    page cache does not track discussions (messages are written too often), so a report's
    creation and resolution bump the version themselves."""
    bump(app_version("discussions"))


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ones) read. Side effects: none."""
    notices = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    return notices.update(read_at=timezone.now())
