"""Every write to rooms, topics and messages. Broadcasts go out through events.py on commit."""

import logging
import re
import time
import uuid
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from members.models import User
from network.platform.services import service_save, unique_slug

from . import events, markdown, selectors
from .enums import NotificationKind, RevisionAction, RoomVisibility
from .models import (
    Mention,
    Message,
    MessageRevision,
    Mute,
    Notification,
    ReadMarker,
    Room,
    RoomMember,
    RoomModerator,
    Topic,
    TopicFollow,
    WorkingGroup,
)

logger = logging.getLogger(__name__)

RATE_LIMIT = 20  # messages per person…
RATE_WINDOW = 10  # …in this many seconds
MAX_MENTIONS = 20
# Paths under /discussions/ that a room's slug must never shadow.
RESERVED_SLUGS = {"new", "notifications"}
MENTION_RE = re.compile(r"(?<![\w@])@(\w[\w.+-]*)")


def _require(user, perm, obj, detail="You may not do this here."):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(detail)


# Rooms and who is in them.


@transaction.atomic
def room_create(
    *,
    title: str,
    by: User | None,
    visibility: str = RoomVisibility.NETWORK,
    target=None,
    slug: str = "",
    description: str = "",
    working_group: WorkingGroup | None = None,
) -> Room:
    """Create a room, free-standing or attached to `target` (any model instance), optionally
    for a working group (whose conveners moderate it and, if restricted, whose members see it).

    Permission is the caller's for plain rooms: views check discussions.add_room; other apps'
    services create the rooms of their own objects. A group's room needs a convener of the
    group (or staff). Side effects: none.
    """
    if working_group is not None and by is not None:
        _require(
            by, "discussions.add_group_room", working_group, "Only its conveners open rooms here."
        )
    room = Room(
        title=title.strip(),
        slug=slug
        or unique_slug(title, queryset=Room.objects, fallback="room", reserved=RESERVED_SLUGS),
        visibility=visibility,
        description=description,
        created_by=by,
        working_group=working_group,
    )
    if target is not None:
        room.content_type = ContentType.objects.get_for_model(target)
        room.object_id = target.pk
    return service_save(room)


@transaction.atomic
def room_for_target(
    *,
    target,
    title: str,
    by: User,
    visibility: str = RoomVisibility.NETWORK,
    members=(),
    moderators=(),
) -> Room:
    """The room attached to `target` (a project, priority, gap…), created on first use.

    Permission is the caller's: the owning app decides who may discuss its object. Side
    effects: `members` may see a restricted room and `moderators` moderate it (idempotent).
    """
    room = selectors.room_for(target) or room_create(
        title=title, by=by, visibility=visibility, target=target
    )
    for user in members:
        room_member_add(room=room, user=user)
    for user in moderators:
        room_moderator_add(room=room, user=user)
    return room


@transaction.atomic
def room_target_deleted(*, target) -> Room | None:
    """The object a room is attached to is being deleted: its room is archived and let go.

    Archived, it takes no new messages and stays readable by exactly those who could read it
    (its visibility, members and moderators are left as they are: nobody gains sight of its
    messages). Let go, it no longer answers for an id that a restored object may take again
    (a page revision brings its sessions back with their old ids): that object opens a room of
    its own instead of inheriting this one. Returns the room, or None if there was none.

    Side effects: after commit, the sockets in the room re-check (room_saved).
    """
    room = (
        Room.objects.select_for_update()
        .filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
        .first()
    )
    if room is None:
        return None
    room.is_archived = True
    room.content_type, room.object_id = None, None
    return service_save(room)


@transaction.atomic
def room_member_add(*, room: Room, user: User) -> RoomMember:
    """Let `user` see a restricted room. Idempotent. Side effects: none."""
    member, _ = RoomMember.objects.get_or_create(room=room, user=user)
    return member


@transaction.atomic
def room_member_remove(*, room: Room, user: User) -> None:
    """Take `user` off the room's list.

    Side effects: after commit, every socket of that person in this room re-checks access and
    closes (4403) if it is gone.
    """
    RoomMember.objects.filter(room=room, user=user).delete()
    events.access_changed_on_commit([user.pk])


@transaction.atomic
def room_moderator_add(*, room: Room, user: User) -> RoomModerator:
    moderator, _ = RoomModerator.objects.get_or_create(room=room, user=user)
    return moderator


@transaction.atomic
def room_moderator_remove(*, room: Room, user: User) -> None:
    """Side effects: after commit, that person's sockets re-check access (see member_remove)."""
    RoomModerator.objects.filter(room=room, user=user).delete()
    events.access_changed_on_commit([user.pk])


@transaction.atomic
def mute_user(
    *,
    room: Room,
    user: User,
    by: User,
    until: datetime | None = None,
    duration: timedelta | None = None,
    reason: str = "",
) -> Mute:
    """Stop `user` posting in `room` until a time (or for a duration). Side effects: none."""
    _require(by, "discussions.moderate_room", room)
    if user.pk == by.pk:
        raise ValidationError("You cannot mute yourself.")
    if until is None:
        if duration is None:
            raise ValidationError("Say how long the mute lasts.")
        until = timezone.now() + duration
    if until <= timezone.now():
        raise ValidationError("A mute must end in the future.")
    return service_save(Mute(room=room, user=user, until=until, by=by, reason=reason.strip()))


# Topics.


@transaction.atomic
def topic_create(*, room: Room, title: str, by: User) -> Topic:
    """Open a topic in a room. Side effects: the creator follows it."""
    _require(by, "discussions.post_in_room", room, "You may not post in this room.")
    topic = service_save(Topic(room=room, title=title.strip(), created_by=by))
    TopicFollow.objects.get_or_create(topic=topic, user=by)
    return topic


def _topic_by_title(room, title, by):
    title = title.strip()
    if not title:
        raise ValidationError("Choose a topic or give a new topic a title.", code="invalid")
    existing = Topic.objects.filter(room=room, title__iexact=title).first()
    return existing or topic_create(room=room, title=title, by=by)


@transaction.atomic
def topic_resolve(*, topic: Topic, by: User, decision_note: str = "") -> Topic:
    """Mark a topic resolved, with an optional note of what was decided. Side effects: none."""
    _require(by, "discussions.resolve_topic", topic)
    topic.resolved, topic.resolved_by, topic.resolved_at = True, by, timezone.now()
    topic.decision_note = decision_note.strip()
    return service_save(topic)


@transaction.atomic
def topic_reopen(*, topic: Topic, by: User) -> Topic:
    """Reopen a resolved topic; the decision note stays for the record. Side effects: none."""
    _require(by, "discussions.resolve_topic", topic)
    topic.resolved, topic.resolved_by, topic.resolved_at = False, None, None
    return service_save(topic)


@transaction.atomic
def topic_lock(*, topic: Topic, by: User, locked: bool = True) -> Topic:
    """Lock (or unlock) a topic against new messages. Side effects: none."""
    _require(by, "discussions.moderate_room", topic)
    topic.locked = locked
    return service_save(topic)


def widens_audience(*, from_room: Room, to_room: Room) -> int:
    """How many people could read the topic in `to_room` who cannot in `from_room`."""
    return (
        selectors.people_who_can_view(to_room)
        .exclude(pk__in=selectors.people_who_can_view(from_room).values("pk"))
        .count()
    )


@transaction.atomic
def topic_move(*, topic: Topic, to_room: Room, by: User, confirm_wider: bool = False) -> Topic:
    """Move a topic with all its messages to another room; `by` moderates both.

    A move that lets people read it who could not before (from a restricted room into a
    wider one) needs `confirm_wider`. Side effects: follows, mentions' notifications of people
    who cannot see the new room are dropped (read markers move with the topic); after
    commit, both rooms are told (topic.moved).
    """
    topic = Topic.objects.select_for_update().select_related("room").get(pk=topic.pk)
    from_room = topic.room
    _require(by, "discussions.moderate_room", from_room, "You do not moderate this room.")
    _require(by, "discussions.moderate_room", to_room, "You do not moderate the other room.")
    if to_room.pk == from_room.pk:
        raise ValidationError("The topic is already in this room.")
    if to_room.is_archived:
        raise ValidationError("That room is archived: it takes no new topics.")
    if Topic.objects.filter(room=to_room, title__iexact=topic.title).exists():
        raise ValidationError(f"“{to_room.title}” already has a topic called “{topic.title}”.")
    wider = widens_audience(from_room=from_room, to_room=to_room)
    if wider and not confirm_wider:
        raise ValidationError(
            f"{wider} people who cannot read this topic now would read it in “{to_room.title}”: "
            "confirm the move to go ahead.",
            code="confirm_wider",
        )
    topic.room = to_room
    service_save(topic)
    Message.objects.filter(topic=topic).update(room=to_room)
    viewers = selectors.people_who_can_view(to_room).values("pk")
    TopicFollow.objects.filter(topic=topic).exclude(user__in=viewers).delete()
    Notification.objects.filter(message__topic=topic).exclude(user__in=viewers).delete()
    # The old room learns where the topic went only if all its people can follow it there.
    narrower = widens_audience(from_room=to_room, to_room=from_room)
    events.topic_moved_on_commit(
        topic_id=topic.pk, from_room=from_room, to_room=to_room, tell_old_room=not narrower
    )
    return topic


@transaction.atomic
def topic_follow(*, topic: Topic, user: User, follow: bool = True) -> None:
    """Follow a topic (notified of each new message) or stop. Side effects: none."""
    _require(user, "discussions.view_room", topic)
    if follow:
        TopicFollow.objects.get_or_create(topic=topic, user=user)
    else:
        TopicFollow.objects.filter(topic=topic, user=user).delete()


@transaction.atomic
def room_mark_read(*, room: Room, user: User, topic: Topic | None = None) -> None:
    """Move the user's read markers to the latest message of each topic (or one topic)."""
    latest = Message.objects.filter(room=room)
    if topic is not None:
        latest = latest.filter(topic=topic)
    rows = latest.order_by().values("topic_id").annotate(last=Max("pk"))
    markers = [
        ReadMarker(user=user, topic_id=row["topic_id"], last_read_message_id=row["last"])
        for row in rows
    ]
    ReadMarker.objects.bulk_create(
        markers,
        update_conflicts=True,
        unique_fields=["user", "topic"],
        update_fields=["last_read_message_id"],
    )


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
) -> Message:
    """Save a message in a topic (an existing one, or found or opened by title).

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
                raise ValidationError("This client_id was used in another room.", code="invalid")
            return existing
    if not author.has_perm("discussions.view_room", room):
        raise PermissionDenied("You may not post in this room.")
    if room.is_archived:
        raise ValidationError("This room is archived: it takes no new messages.", code="archived")
    mute = Mute.objects.filter(room=room, user=author, until__gt=timezone.now()).first()
    if mute is not None:
        raise ValidationError(
            f"You are muted in this room until {mute.until:%d %b %Y %H:%M} UTC.", code="muted"
        )
    if not _within_rate_limit(author):
        raise ValidationError(
            f"Slow down: at most {RATE_LIMIT} messages in {RATE_WINDOW} seconds.",
            code="rate_limited",
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError("Write a message first.", code="invalid")
    if topic is None:
        topic = _topic_by_title(room, topic_title, author)
    # Lock the topic row, so that a move cannot slip between this check and the save.
    current = Topic.objects.select_for_update().filter(pk=topic.pk).values("room_id", "locked")
    current = current.first() or {"room_id": None, "locked": False}
    if current["room_id"] != room.pk:
        raise ValidationError("That topic is in another room.", code="invalid")
    if topic.locked or current["locked"]:
        raise ValidationError("This topic is locked: it takes no new messages.", code="locked")
    message = Message(
        room=room,
        topic=topic,
        author=author,
        body=body,
        body_html=markdown.render(body),
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
def message_edit(*, message: Message, by: User, body: str) -> Message:
    """Change a message's text; the previous text is kept as a revision for moderators.

    Side effects: newly mentioned people are notified; after commit, the edited message is
    broadcast to the room.
    """
    _require(by, "discussions.change_message", message, "You can only edit your own messages.")
    if not message.is_visible:
        raise ValidationError("This message is no longer shown.")
    body = (body or "").strip()
    if not body:
        raise ValidationError("A message cannot be empty: delete it instead.")
    if body == message.body:
        return message
    revision = MessageRevision(
        message=message, action=RevisionAction.EDIT, body=message.body, by=by
    )
    message.body, message.body_html = body, markdown.render(body)
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
    _require(by, "discussions.delete_message", message, "You can only delete your own messages.")
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
    """A moderator hides a message at once. Side effects: after commit, clients remove it."""
    _require(by, "discussions.moderate_room", message)
    if message.hidden:
        return message
    message.hidden, message.hidden_by, message.hidden_at = True, by, timezone.now()
    message.hidden_reason = reason.strip()[:300]
    service_save(message)
    events.message_hidden_on_commit(message)
    return message


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ones) read. Side effects: none."""
    notices = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    return notices.update(read_at=timezone.now())
