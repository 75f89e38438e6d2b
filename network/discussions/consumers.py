"""The room socket at /ws/discussions/<room_slug>/ (protocol in the README).

It checks access on connect, validates each frame, calls the services and forwards events.
Every ORM call goes through database_sync_to_async.
"""

import asyncio
import json
import logging
import time
from collections import OrderedDict

from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from members.models import User
from members.selectors import second_factor_missing
from network.platform.channel_layer import InboxConsumer
from network.platform.languages import language_of

from . import events, presence, selectors, services
from .models import BODY_MAX_LENGTH, Room, Topic

logger = logging.getLogger(__name__)

CLOSE_FORBIDDEN = 4403
# 4503: 1013 (try again later) is what it means, but daphne only sends 1000 and 3000-4999.
CLOSE_TRY_AGAIN = 4503
HISTORY_BATCH = 200
HISTORY_MAX = 5000
TYPING_INTERVAL = 2.0
# Characters in one client frame: room for the longest message, fully escaped.
MAX_FRAME = 128 * 1024
# How many delivered message versions a socket remembers to never send one twice.
SENT_MEMORY = 5000
# At most one presence frame per room and process in this many seconds: each frame goes to
# everyone in the room, so a frame per join would make n joins cost n² frames (500 people
# joining a room sent 125,000 frames listing up to 500 names, and the channel layer dropped
# the messages behind them).
PRESENCE_INTERVAL = 0.5
# room id -> (event loop, when its last frame went, whether a trailing frame is scheduled)
_presence_sent = {}


async def _presence_broadcast(room_id):
    """Send the room's presence now if none went in the last interval, else once at its end
    (reading who is present then, so the coalesced frame is the newest)."""
    loop = asyncio.get_running_loop()
    owner, last, pending = _presence_sent.get(room_id, (None, 0.0, False))
    if owner is not loop:
        last, pending = 0.0, False
    if pending:
        return
    wait = last + PRESENCE_INTERVAL - time.monotonic()
    if wait > 0:
        _presence_sent[room_id] = (loop, last, True)
        await asyncio.sleep(wait)
    _presence_sent[room_id] = (loop, time.monotonic(), False)
    try:
        members = await sync_to_async(presence.present)(room_id)
    except Exception:
        logger.warning("Presence cache unavailable for room %s.", room_id)
        return
    await events.presence_changed(room_id, members)


class RoomConsumer(InboxConsumer):
    room = None
    revoked = False
    last_id = 0

    async def dispatch(self, message):
        """As Channels does, without closing old database connections (a hop to a thread)
        before every event: a broadcast reaches every socket of the room, and the handlers
        that touch the database do it through database_sync_to_async, which closes them."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        events.broadcast_from_this_loop()
        self.user = self.scope.get("user")
        self.sent = OrderedDict()
        self.last_typing = 0.0
        session = self.scope.get("session")
        self.session = events.session_digest(getattr(session, "session_key", None))
        slug = self.scope["url_route"]["kwargs"]["room_slug"]
        # Accept before refusing, so that the client sees the 4403 close code rather than a
        # failed handshake it cannot tell apart from a network error.
        await self.accept()
        if self.user is None or not self.user.is_authenticated:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        # Join the person's group before checking access: a revocation committed while the
        # check runs then reaches this socket and re-checks, instead of slipping between.
        if not await self._join(events.user_group(self.user.pk)):
            return
        room = await self._visible_room(slug)
        if room is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        if not await self._join(events.room_group(room.pk)):
            return
        self.room = room
        await self._presence(presence.join, self.room.pk, self.channel_name, self.user)

    async def _join(self, group):
        """Join a group; without a channel layer the socket cannot be live, so it closes with
        4503 (try again later) and the client reconnects and catches up with history.since."""
        try:
            await asyncio.wait_for(
                self.channel_layer.group_add(group, self.channel_name), events.BROADCAST_TIMEOUT
            )
        except Exception:
            logger.warning("Channel layer unavailable; socket asked to retry.")
            await self.close(code=CLOSE_TRY_AGAIN)
            return False
        self.groups.append(group)
        return True

    async def websocket_disconnect(self, message):
        await self._leave_groups()
        await super().websocket_disconnect(message)

    async def disconnect(self, code):
        if self.room is not None:
            await self._presence(presence.leave, self.room.pk, self.channel_name)

    # Client frames.

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if self.room is None or self.revoked:
            return
        content = await self._parse(text_data)
        if content is None:
            return
        try:
            await self.receive_json(content)
        except Exception:
            # A frame must never take the socket down; the cause goes to the log.
            logger.exception("Frame failed in room %s.", self.room.pk)
            await self._error("server_error", gettext("That did not work; try again."))

    async def _parse(self, text_data):
        """The frame as a dict, or None after telling the client what is wrong with it."""
        if text_data is None:
            await self._error("invalid", gettext("Frames are JSON text, not binary."))
            return None
        if len(text_data) > MAX_FRAME:
            await self._error(
                "too_large",
                gettext("A frame is at most %(count)s characters.") % {"count": MAX_FRAME},
            )
            return None
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            content = None
        if not isinstance(content, dict):
            await self._error("invalid", gettext("Frames are JSON objects."))
            return None
        return content

    async def receive_json(self, content, **kwargs):
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "message.send":
            await self._message_send(content)
        elif kind == "history.since":
            await self._history_since(content)
        elif kind == "typing":
            now = time.monotonic()
            if now - self.last_typing >= TYPING_INTERVAL:
                self.last_typing = now
                await events.typing(self.room.pk, self.user, self.channel_name)
        else:
            await self._error("invalid", gettext("Unknown frame type."))

    async def _message_send(self, content):
        topic, body, client_id = content.get("topic"), content.get("body"), content.get("client_id")
        if not isinstance(body, str) or not body.strip():
            await self._error("invalid", "body must be a non-empty string.")
            return
        if len(body) > BODY_MAX_LENGTH:
            await self._error(
                "invalid",
                gettext("A message is at most %(count)s characters.") % {"count": BODY_MAX_LENGTH},
            )
            return
        if isinstance(topic, bool) or not isinstance(topic, int | str) or topic == "":
            await self._error("invalid", "topic must be a topic id or a title.")
            return
        if client_id is not None and not isinstance(client_id, str):
            await self._error("invalid", "client_id must be a UUID string.")
            return
        language = content.get("language") or ""
        if not isinstance(language, str):
            await self._error("invalid", "language must be a language code.")
            return
        try:
            frame = await self._post(topic, body, client_id, language)
        except PermissionDenied as error:
            await self._error("forbidden", str(error) or gettext("You may not post here."))
        except ValidationError as error:
            await self._error(getattr(error, "code", None) or "invalid", " ".join(error.messages))
        else:
            # The sender's echo comes straight back, so it arrives even when the channel layer
            # is down; the broadcast copy is then dropped as already sent.
            await self._deliver(frame)

    async def _history_since(self, content):
        after_id = content.get("after_id")
        if isinstance(after_id, bool) or not isinstance(after_id, int) or after_id < 0:
            await self._error("invalid", "after_id must be a message id (0 for everything).")
            return
        sent = 0
        while sent < HISTORY_MAX:
            batch = await self._since(after_id)
            for frame in batch:
                await self._deliver(frame)
            sent += len(batch)
            if len(batch) < HISTORY_BATCH:
                break
            after_id = batch[-1]["id"]

    # Group events (names and shapes come from events.py).

    async def discussions_message(self, event):
        await self._deliver(event["frame"], event["text"])

    async def discussions_frame(self, event):
        if not self.revoked:
            await self.send(text_data=event["text"])

    async def discussions_typing(self, event):
        if event.get("sender") != self.channel_name and not self.revoked:
            await self.send(text_data=event["text"])

    async def discussions_resync(self, event):
        """Back from a channel-layer outage (network/platform/channel_layer.py announces it):
        re-check access and send what was missed meanwhile."""
        if self.room is None or self.revoked:
            return
        if not await self._still_allowed():
            await self._revoke()
        elif self.last_id:
            await self._history_since({"after_id": self.last_id})

    async def discussions_recheck(self, event):
        if self.room is not None and not self.revoked and not await self._still_allowed():
            await self._revoke()

    async def discussions_session_ended(self, event):
        if self.room is not None and event.get("session") == self.session:
            await self._revoke()

    # Helpers.

    async def _revoke(self):
        """Stop every frame at once, then close (4403) and leave the groups."""
        self.revoked = True
        await self.close(code=CLOSE_FORBIDDEN)
        await self._leave_groups()

    async def _leave_groups(self):
        # Bounded: with Redis down or hanging, a closing socket must not hold its worker;
        # group entries left behind expire on their own.
        groups, self.groups = self.groups, []
        for group in groups:
            try:
                await asyncio.wait_for(
                    self.channel_layer.group_discard(group, self.channel_name),
                    events.BROADCAST_TIMEOUT,
                )
            except Exception:
                logger.warning("Could not leave %s.", group)

    async def _deliver(self, frame, text=None):
        """Send a message frame unless this socket already got this version of it."""
        if self.revoked:
            return
        key = (frame["id"], frame.get("edited_at"))
        if key in self.sent:
            return
        self.sent[key] = True
        self.last_id = max(self.last_id, frame["id"])
        if len(self.sent) > SENT_MEMORY:
            self.sent.popitem(last=False)
        if text is None:
            await self.send_json(frame)
        else:
            await self.send(text_data=text)

    async def _error(self, code, detail):
        await self.send_json(events.error_frame(code, detail))

    async def _presence(self, change, *args):
        try:
            await sync_to_async(change)(*args)
        except Exception:
            logger.warning("Presence cache unavailable for room %s.", self.room.pk)
            return
        await _presence_broadcast(self.room.pk)

    @database_sync_to_async
    def _visible_room(self, slug):
        # A role that needs a second factor without one is refused here as on every page.
        if second_factor_missing(self.user):
            return None
        room = Room.objects.filter(slug=slug).first()
        if room is None or not self.user.has_perm("discussions.view_room", room):
            return None
        return room

    @database_sync_to_async
    def _still_allowed(self):
        user = User.objects.filter(pk=self.user.pk, is_active=True).first()
        room = Room.objects.filter(pk=self.room.pk).first()
        return bool(user and room and user.has_perm("discussions.view_room", room))

    @database_sync_to_async
    def _post(self, topic, body, client_id, language=""):
        # Fresh rows: access, mutes and archiving may have changed since the socket opened.
        author = User.objects.get(pk=self.user.pk)
        room = Room.objects.get(pk=self.room.pk)
        kwargs = {"topic_title": topic} if isinstance(topic, str) else {}
        if isinstance(topic, int):
            kwargs["topic"] = Topic.objects.filter(room=room, pk=topic).first()
            if kwargs["topic"] is None:
                raise ValidationError(
                    gettext("There is no such topic in this room."), code="not_found"
                )
        message = services.message_post(
            room=room,
            author=author,
            body=body,
            client_id=client_id,
            # Left out, the author's own language (a socket has no request to take it from).
            language=language or language_of(author) or "",
            **kwargs,
        )
        return events.message_frame(message)

    @database_sync_to_async
    def _since(self, after_id):
        messages = selectors.messages_since(room=self.room, after_id=after_id, limit=HISTORY_BATCH)
        return [events.message_frame(message) for message in messages]
