"""Topics: opened, resolved, locked, moved, followed and read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from members.models import User
from network.platform.services import service_save

from .. import events, selectors
from ..models import (
    Message,
    Notification,
    ReadMarker,
    Room,
    Topic,
    TopicFollow,
)
from .common import (
    _require,
)

# Topics.


@transaction.atomic
def topic_create(*, room: Room, title: str, by: User) -> Topic:
    """Open a topic in a room. Side effects: the creator follows it."""
    _require(by, "discussions.post_in_room", room, gettext("You may not post in this room."))
    topic = service_save(Topic(room=room, title=title.strip(), created_by=by))
    TopicFollow.objects.get_or_create(topic=topic, user=by)
    return topic


def _topic_by_title(room, title, by):
    title = title.strip()
    if not title:
        raise ValidationError(
            gettext("Choose a topic or give a new topic a title."), code="invalid"
        )
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
    _require(by, "discussions.moderate_room", from_room, gettext("You do not moderate this room."))
    _require(
        by, "discussions.moderate_room", to_room, gettext("You do not moderate the other room.")
    )
    if to_room.pk == from_room.pk:
        raise ValidationError(gettext("The topic is already in this room."))
    if to_room.is_archived:
        raise ValidationError(gettext("That room is archived: it takes no new topics."))
    if Topic.objects.filter(room=to_room, title__iexact=topic.title).exists():
        raise ValidationError(
            gettext("“%(room)s” already has a topic called “%(topic)s”.")
            % {"room": to_room.title, "topic": topic.title}
        )
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
    """Move the user's read markers to the latest message of each topic (or one topic).
    Each topic's latest is one step down its (topic, id) index, however long the topic."""
    topics = Topic.objects.filter(pk=topic.pk) if topic is not None else room.topics.all()
    latest = Message.objects.filter(room=room, topic=OuterRef("pk")).order_by("-pk")
    rows = (
        topics.annotate(last=Subquery(latest.values("pk")[:1]))
        .filter(last__isnull=False)
        .values_list("pk", "last")
    )
    markers = [
        ReadMarker(user=user, topic_id=topic_id, last_read_message_id=last)
        for topic_id, last in rows
    ]
    ReadMarker.objects.bulk_create(
        markers,
        update_conflicts=True,
        unique_fields=["user", "topic"],
        update_fields=["last_read_message_id"],
    )
