"""One queue per socket (network.platform.channel_layer.InboxConsumer): events are handled one
at a time in the order they arrived, whichever layer delivers them, so that a handler that
awaits (an access re-check, a history replay) holds back everything behind it; and a socket
that goes leaves nothing behind in the layer."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.exceptions import StopConsumer
from channels.layers import channel_layers
from django.db import connection
from django.test import override_settings

from network.discussions import services
from network.platform.channel_layer import InboxConsumer
from tests.discussions.test_revocation import joined
from tests.factories.discussions import TopicFactory

GROUP = "inbox-test"


class Recorder(InboxConsumer):
    """Says what it handles, in order; `probe.slow` and the client frame "block" wait for the
    test to open the gate."""

    gate: asyncio.Event

    async def dispatch(self, message):
        # Channels' own dispatch closes old database connections first; no database here.
        await getattr(self, get_handler_name(message))(message)

    async def websocket_disconnect(self, message):
        for group in self.groups:
            await self.channel_layer.group_discard(group, self.channel_name)
        raise StopConsumer

    async def connect(self):
        await self.accept()
        await self.channel_layer.group_add(GROUP, self.channel_name)
        self.groups.append(GROUP)
        await self.send(text_data="joined")

    async def probe_slow(self, event):
        await self.gate.wait()
        await self.send(text_data="slow")

    async def probe_fast(self, event):
        await self.send(text_data=f"fast {event['n']}")

    async def receive(self, text_data=None, bytes_data=None):
        if text_data == "block":
            await self.gate.wait()
        await self.send(text_data=f"client {text_data}")


def layer_settings(kind, request):
    if kind == "in-memory":
        return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    redis_url = request.getfixturevalue("redis_url")
    return {
        "default": {
            "BACKEND": "network.platform.channel_layer.RoomChannelLayer",
            "CONFIG": {"hosts": [redis_url]},
        }
    }


@pytest.fixture(params=["in-memory", "redis"])
def layer(request):
    """Both ways a socket's queue is fed: RoomChannelLayer puts events straight in; any other
    layer is read by a task of the socket's own."""
    with override_settings(CHANNEL_LAYERS=layer_settings(request.param, request)):
        channel_layers.backends.pop("default", None)
        yield channel_layers["default"]
        channel_layers.backends.pop("default", None)


class Socket:
    """The consumer called as an ASGI application, with the client's side in queues, so that
    the test sees when the consumer reads the client's next frame."""

    def __init__(self, consumer):
        self.incoming = asyncio.Queue()
        self.outgoing = asyncio.Queue()
        self.reads = []
        scope = {"type": "websocket", "path": "/ws/", "headers": [], "subprotocols": []}
        self.task = asyncio.ensure_future(consumer.as_asgi()(scope, self._receive, self._send))

    async def _receive(self):
        message = await self.incoming.get()
        self.reads.append(message)
        return message

    async def _send(self, message):
        self.outgoing.put_nowait(message)

    def client_sends(self, text):
        self.incoming.put_nowait({"type": "websocket.receive", "text": text})

    async def next_text(self):
        message = await asyncio.wait_for(self.outgoing.get(), timeout=5)
        return message.get("text", message["type"])

    async def nothing_for(self, seconds):
        await asyncio.sleep(seconds)
        return self.outgoing.empty()

    async def close(self):
        self.incoming.put_nowait({"type": "websocket.disconnect", "code": 1000})
        await asyncio.wait_for(self.task, timeout=5)


async def connected(layer):
    Recorder.gate = asyncio.Event()
    socket_ = Socket(Recorder)
    socket_.incoming.put_nowait({"type": "websocket.connect"})
    assert await socket_.next_text() == "websocket.accept"
    assert await socket_.next_text() == "joined"
    return socket_


async def test_layer_events_wait_behind_a_handler_that_awaits_and_keep_their_order(layer):
    socket_ = await connected(layer)
    await layer.group_send(GROUP, {"type": "probe.slow"})
    for n in (1, 2, 3):
        await layer.group_send(GROUP, {"type": "probe.fast", "n": n})
    assert await socket_.nothing_for(0.3) is True
    Recorder.gate.set()
    assert [await socket_.next_text() for _ in range(4)] == ["slow", "fast 1", "fast 2", "fast 3"]
    await socket_.close()


async def test_the_next_client_frame_is_read_only_once_the_last_one_was_handled(layer):
    socket_ = await connected(layer)
    socket_.client_sends("block")
    socket_.client_sends("after")
    await layer.group_send(GROUP, {"type": "probe.fast", "n": 1})
    assert await socket_.nothing_for(0.3) is True
    assert [m["type"] for m in socket_.reads] == ["websocket.connect", "websocket.receive"]
    Recorder.gate.set()
    # As in Channels: what the layer delivered while the first frame was handled comes before
    # the client's next frame, which was not read yet.
    assert [await socket_.next_text() for _ in range(3)] == [
        "client block",
        "fast 1",
        "client after",
    ]
    assert len(socket_.reads) == 3
    await socket_.close()


async def test_a_socket_that_goes_leaves_no_channel_or_subscription_behind(request, redis_url):
    with override_settings(CHANNEL_LAYERS=layer_settings("redis", request)):
        channel_layers.backends.pop("default", None)
        layer = channel_layers["default"]
        try:
            socket_ = await connected(layer)
            local = layer._get_layer()
            (channel,) = [name for name in local.channels if "specific." in name]
            await socket_.close()
            assert channel not in local.channels
            assert f"{local.prefix}__group__{GROUP}" not in local.groups
            subscribed = await local._shards[0]._redis.pubsub_numsub(channel)
            assert subscribed == [(channel.encode(), 0)]
            # A late event for it is dropped quietly.
            await layer.send(channel, {"type": "probe.fast", "n": 9})
            await layer.flush()
        finally:
            channel_layers.backends.pop("default", None)


async def test_layer_events_queued_before_a_socket_attaches_come_first(redis_url):
    from network.platform.channel_layer import RoomChannelLayer

    layer = RoomChannelLayer(hosts=[redis_url])
    try:
        channel = await layer.new_channel()
        local = layer._get_layer()
        await layer.send(channel, {"type": "probe.fast", "n": 1})
        while local.channels[channel].empty():
            await asyncio.sleep(0.01)
        got = []
        assert layer.attach(channel, got.append) is True
        assert got == [{"type": "probe.fast", "n": 1}]
        await layer.group_add(GROUP, channel)
        await layer.group_send(GROUP, {"type": "probe.fast", "n": 2})
        await layer.send(channel, {"type": "probe.fast", "n": 3})
        for _ in range(500):
            if len(got) == 3:
                break
            await asyncio.sleep(0.01)
        assert [event["n"] for event in got] == [1, 2, 3]
        # Each socket gets its own top level of a broadcast it shares with others.
        assert got[1] is not got[2]
        await layer.detach(channel)
        assert channel not in local.channels
    finally:
        await layer.flush()


# The room socket on the layer the settings give it (Redis with REDIS_URL, else in memory).


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_message_posted_just_after_access_ends_never_reaches_the_socket(
    restricted_room, member_a, focal_b
):
    """The re-check after a removal takes a database round trip; the message posted right
    after it waits in the socket's queue meanwhile and is dropped once access is gone."""
    topic = await sync_to_async(TopicFactory)(room=restricted_room, title="Plans")
    await sync_to_async(services.room_member_add)(room=restricted_room, user=focal_b)
    alice = await joined(member_a, restricted_room.slug)

    def remove_then_post():
        services.room_member_remove(room=restricted_room, user=member_a)
        services.message_post(room=restricted_room, author=focal_b, topic=topic, body="secret")

    await sync_to_async(remove_then_post)()
    while True:
        output = await alice.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            assert output == {"type": "websocket.close", "code": 4403}
            break
        frame = json.loads(output["text"])
        assert frame["type"] == "presence", frame
    assert await alice.receive_nothing(timeout=0.5) is True
    # The ORM connection opened in sync_to_async's thread would keep the test database busy.
    await sync_to_async(lambda: connection.close())()
