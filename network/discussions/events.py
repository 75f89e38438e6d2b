"""The only module that names channel-layer groups and the payloads clients receive.

Services call the `*_on_commit` functions inside their transaction: nothing is broadcast
before the database has the row, and a rolled-back write broadcasts nothing. Sending is
bounded: with the channel layer (Redis) down or hanging, a write still returns promptly and
clients catch up from the database with `history.since`.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# Seconds one group_send may take before the write gives up on live delivery.
BROADCAST_TIMEOUT = 0.5


def room_group(room_id: int) -> str:
    return f"discussions.room.{room_id}"


def member_group(room_id: int, user_id: int) -> str:
    """Every socket of one person in one room, so losing access closes all of them at once."""
    return f"discussions.room.{room_id}.user.{user_id}"


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
        "created": message.created.isoformat(),
        "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        "client_id": str(message.client_id),
    }


def hidden_frame(message_id: int) -> dict:
    return {"type": "message.hidden", "id": message_id}


def presence_frame(members: list[dict]) -> dict:
    return {"type": "presence", "members": members}


def typing_frame(user) -> dict:
    return {"type": "typing", "author": user.name, "author_id": user.pk}


def error_frame(code: str, detail: str) -> dict:
    return {"type": "error", "code": code, "detail": detail}


# Sending.


async def send(group: str, event: dict) -> bool:
    """group_send with a deadline; False (and a log line) when the layer fails or hangs."""
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        await asyncio.wait_for(layer.group_send(group, event), BROADCAST_TIMEOUT)
    except Exception:  # live delivery is best effort; the row is already saved
        logger.warning("Broadcast to %s failed; clients will catch up from history.", group)
        return False
    return True


def _send_on_commit(group: str, event: dict) -> None:
    transaction.on_commit(lambda: async_to_sync(send)(group, event))


def message_on_commit(message) -> None:
    _send_on_commit(
        room_group(message.room_id),
        {"type": "discussions.message", "frame": message_frame(message)},
    )


def message_hidden_on_commit(message) -> None:
    _send_on_commit(
        room_group(message.room_id),
        {"type": "discussions.frame", "frame": hidden_frame(message.pk)},
    )


def member_removed_on_commit(room_id: int, user_id: int) -> None:
    _send_on_commit(member_group(room_id, user_id), {"type": "discussions.revoke"})


async def presence_changed(room_id: int, members: list[dict]) -> None:
    await send(room_group(room_id), {"type": "discussions.frame", "frame": presence_frame(members)})


async def typing(room_id: int, user, sender_channel: str) -> None:
    await send(
        room_group(room_id),
        {"type": "discussions.typing", "frame": typing_frame(user), "sender": sender_channel},
    )
