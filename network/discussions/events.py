"""The only module that names channel-layer groups and the payloads clients receive.

Services call the `*_on_commit` functions inside their transaction: nothing is broadcast
before the database has the row, and a rolled-back write broadcasts nothing. Sending is
bounded: with the channel layer (Redis) down or hanging, a write still returns promptly and
clients catch up from the database with `history.since`.
"""

import asyncio
import contextvars
import hashlib
import json
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# Seconds one group_send may take before the write gives up on live delivery.
BROADCAST_TIMEOUT = 0.3
# The same for a broadcast handed to the event loop (below): no write waits for it, so it may
# wait out a loop busy with a fan-out; at 0.3 s a loaded server dropped 4 of 100 at 20 msg/s.
HANDED_OVER_TIMEOUT = 3.0


def room_group(room_id: int) -> str:
    return f"discussions.room.{room_id}"


def user_group(user_id: int) -> str:
    """Every socket of one person, in any room: where access changes are announced."""
    return f"discussions.user.{user_id}"


def session_digest(session_key: str | None) -> str:
    """What a socket knows of its session: a digest, so that the key itself (a credential)
    never travels through the channel layer."""
    return hashlib.sha256((session_key or "").encode()).hexdigest()


# Frames sent to clients (the protocol in the README).


def message_frame(message) -> dict:
    return {
        "type": "message",
        "id": message.pk,
        "topic": message.topic_id,
        "topic_title": message.topic.title,
        "author": message.author.name,
        "author_id": message.author_id,
        "body_html": message.body_html,
        "language": message.language,
        "created": message.created.isoformat(),
        "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        "client_id": str(message.client_id),
    }


def hidden_frame(message_id: int) -> dict:
    return {"type": "message.hidden", "id": message_id}


def topic_moved_frame(topic_id: int, room) -> dict:
    return {"type": "topic.moved", "topic": topic_id, "room": room.slug if room else None}


def presence_frame(members: list[dict]) -> dict:
    return {"type": "presence", "members": members}


def typing_frame(user) -> dict:
    return {"type": "typing", "author": user.name, "author_id": user.pk}


def error_frame(code: str, detail: str) -> dict:
    return {"type": "error", "code": code, "detail": detail}


# Sending.


async def send(group: str, event: dict, timeout: float | None = None) -> bool:
    """group_send with a deadline; False (and a log line) when the layer fails or hangs."""
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        await asyncio.wait_for(layer.group_send(group, event), timeout or BROADCAST_TIMEOUT)
    except Exception:  # live delivery is best effort; the row is already saved
        logger.warning("Broadcast to %s failed; clients will catch up from history.", group)
        return False
    return True


def framed(event_type: str, frame: dict, **extra) -> dict:
    """A group event carrying a frame for clients, encoded once here rather than by each of
    the hundreds of sockets it reaches (as AsyncJsonWebsocketConsumer.send_json would)."""
    return {"type": event_type, "frame": frame, "text": json.dumps(frame), **extra}


# The event loop of the socket whose frame is being handled, seen from the thread that
# database_sync_to_async runs its writes in (the context travels with the call). That thread is
# one per server process and serves every socket's database calls in turn, so a broadcast after
# commit is handed to the loop rather than waited for: waiting held the thread while the loop was
# busy writing the previous message to hundreds of sockets (at 20 messages/s the posts queued
# behind each other for most of a second).
_socket_loop: contextvars.ContextVar = contextvars.ContextVar("socket_loop", default=None)
# Broadcasts handed to a loop and not finished yet (the loop keeps only weak references).
_handed_over: set = set()


def broadcast_from_this_loop() -> None:
    """Called by a socket's task: its writes' broadcasts go to its loop without waiting."""
    _socket_loop.set(asyncio.get_running_loop())


def _start(group: str, event: dict) -> None:
    task = asyncio.ensure_future(send(group, event, HANDED_OVER_TIMEOUT))
    _handed_over.add(task)
    task.add_done_callback(_handed_over.discard)


def _broadcast(group: str, event: dict) -> None:
    loop = _socket_loop.get()
    if loop is None or loop.is_closed():
        async_to_sync(send)(group, event)
    else:
        # call_soon_threadsafe runs callbacks in the order they were handed over, and the
        # layer publishes in the order the sends start: commit order is kept.
        loop.call_soon_threadsafe(_start, group, event)


def _send_on_commit(group: str, event: dict) -> None:
    transaction.on_commit(lambda: _broadcast(group, event))


def message_on_commit(message) -> None:
    _send_on_commit(
        room_group(message.room_id),
        framed("discussions.message", message_frame(message)),
    )


def message_hidden_on_commit(message) -> None:
    _send_on_commit(
        room_group(message.room_id),
        framed("discussions.frame", hidden_frame(message.pk)),
    )


def topic_moved_on_commit(*, topic_id: int, from_room, to_room, tell_old_room: bool) -> None:
    """Both rooms hear of a move; the old room learns the new room's slug only when all its
    people may see that room (a restricted room's name does not leak)."""
    _send_on_commit(
        room_group(to_room.pk),
        framed("discussions.frame", topic_moved_frame(topic_id, to_room)),
    )
    _send_on_commit(
        room_group(from_room.pk),
        framed(
            "discussions.frame", topic_moved_frame(topic_id, to_room if tell_old_room else None)
        ),
    )


def access_changed_on_commit(user_ids) -> None:
    """After commit, each socket of these people re-checks access and closes (4403) without it."""
    for user_id in set(user_ids):
        _send_on_commit(user_group(user_id), {"type": "discussions.recheck"})


def room_changed_on_commit(room_id: int) -> None:
    """After commit, every socket in the room re-checks access (visibility changed, deleted)."""
    _send_on_commit(room_group(room_id), {"type": "discussions.recheck"})


def session_ended(user_id: int, session_key: str | None) -> None:
    """Close the sockets opened with this session (a logout), not the person's other ones."""
    async_to_sync(send)(
        user_group(user_id),
        {"type": "discussions.session_ended", "session": session_digest(session_key)},
    )


async def presence_changed(room_id: int, members: list[dict]) -> None:
    await send(room_group(room_id), framed("discussions.frame", presence_frame(members)))


async def typing(room_id: int, user, sender_channel: str) -> None:
    await send(
        room_group(room_id),
        framed("discussions.typing", typing_frame(user), sender=sender_channel),
    )


# Access that changes outside this app. These receivers decide nothing: they only ask the
# sockets concerned to re-check the rules, so that every path (services, the Wagtail admin,
# a shell) that takes access away also closes the sockets it opened.


def user_saved(sender, instance, created=False, **kwargs):
    if not created and not instance.is_active:
        access_changed_on_commit([instance.pk])


def organization_saved(sender, instance, created=False, **kwargs):
    from members.enums import OrganizationStatus

    if not created and instance.status != OrganizationStatus.MEMBER:
        access_changed_on_commit(instance.memberships.values_list("user_id", flat=True))


def membership_deleted(sender, instance, **kwargs):
    access_changed_on_commit([instance.user_id])


def room_saved(sender, instance, created=False, **kwargs):
    if not created:
        room_changed_on_commit(instance.pk)


def room_deleted(sender, instance, **kwargs):
    room_changed_on_commit(instance.pk)


def user_logged_out(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if user is not None and session is not None:
        session_ended(user.pk, session.session_key)
