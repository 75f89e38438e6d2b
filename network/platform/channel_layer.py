"""The channel layer: channels-redis's pub/sub layer, made to tell sockets about outages.

Why pub/sub: a broadcast to a room is one PUBLISH, which each server process receives once
and hands to its own sockets. The core layer stores a copy per socket in Redis and each
process pops them one at a time: 500 sockets at 20 messages/s made 10,000 pops/s, which two
cores could not keep up with; messages queued for seconds and were dropped once a socket's
channel was full.

What pub/sub does not do is keep a message for a socket while Redis is away. So when a
process's subscription connection fails and comes back, every socket of that process is sent
`discussions.resync` and catches up from the database (history.since from its last id), as
the README's protocol promises. Redis-py re-subscribes the connection when it reconnects.

Each socket has one queue (`InboxConsumer`), and this layer puts a socket's events straight
into it, decoded, rather than keeping them for a `receive()` that a task per socket awaits.

The subclasses override channels-redis internals (`_get_layer`, `_shards`, `_do_receiving`,
`channels`): pyproject.toml pins channels-redis below 5.
"""

import asyncio
import collections
import functools
import logging
import uuid

from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from channels_redis.pubsub import (
    RedisPubSubChannelLayer,
    RedisPubSubLoopLayer,
    RedisSingleShardConnection,
)
from channels_redis.utils import _wrap_close, decode_hosts

logger = logging.getLogger(__name__)

RESYNC = {"type": "discussions.resync"}
# Seconds a new socket waits to subscribe to its own channel.
SUBSCRIBE_TIMEOUT = 0.3


class _Shard(RedisSingleShardConnection):
    async def _do_receiving(self):
        lost = False
        while True:
            try:
                if self._pubsub and self._pubsub.subscribed:
                    message = await self._pubsub.get_message(
                        ignore_subscribe_messages=True, timeout=0.1
                    )
                    if lost:
                        lost = False
                        logger.info("Channel layer back: sockets catch up from the database.")
                        self._resync()
                    self._receive_message(message)
                else:
                    await asyncio.sleep(0.1)
            except (asyncio.CancelledError, GeneratorExit):
                raise
            except Exception:
                if not lost:
                    logger.warning("Channel layer lost Redis; live delivery waits for it.")
                lost = True
                await asyncio.sleep(0.2)

    def _resync(self):
        frame = self.channel_layer.channel_layer.serialize(RESYNC)
        for queue in self.channel_layer.channels.values():
            queue.put_nowait(frame)


class _Inbox:
    """Stands in for a channel's queue in `channels` once a socket attached it: whatever the
    layer delivers to the channel (a direct send, a group broadcast, a resync) is decoded and
    handed to the socket's own queue at once."""

    def __init__(self, layer, put):
        self._layer, self._put = layer, put

    def put_nowait(self, raw):
        # An event that cannot be decoded is lost for this socket only; raised here it would
        # pass for a lost Redis connection in _Shard._do_receiving.
        try:
            event = self._layer.deserialize(raw)
        except Exception:
            logger.exception("Channel layer event could not be decoded.")
            return
        self._put(event)


class _LoopLayer(RedisPubSubLoopLayer):
    def __init__(self, hosts=None, *args, **kwargs):
        super().__init__(hosts, *args, **kwargs)
        self._shards = [_Shard(host, self) for host in decode_hosts(hosts)]

    async def new_channel(self, prefix="specific."):
        """A socket's own channel even while Redis is away or hanging (the consumer then
        closes with 4503 when it cannot join its groups), rather than an error or a wait
        before it can answer."""
        channel = f"{self.prefix}{prefix}{uuid.uuid4().hex}"
        self.channels[channel] = asyncio.Queue()
        try:
            await asyncio.wait_for(self._get_shard(channel).subscribe(channel), SUBSCRIBE_TIMEOUT)
        except Exception:
            logger.warning("Channel layer unavailable; the new socket will be asked to retry.")
        return channel

    def attach(self, channel, put):
        """From now on, call `put(event)` with each event for this channel, in the order they
        arrive (what already waits in its queue first), instead of keeping them for receive()."""
        queue = self.channels.get(channel)
        if not isinstance(queue, asyncio.Queue):
            return False
        inbox = _Inbox(self.channel_layer, put)
        while not queue.empty():
            inbox.put_nowait(queue.get_nowait())
        self.channels[channel] = inbox
        return True

    async def detach(self, channel):
        """The socket is gone: forget its channel and stop listening for it (what receive()
        does when the task awaiting it is cancelled)."""
        if self.channels.pop(channel, None) is None:
            return
        try:
            await self._get_shard(channel).unsubscribe(channel)
        except Exception:
            logger.warning("Could not unsubscribe %s.", channel)


class RoomChannelLayer(RedisPubSubChannelLayer):
    # A broadcast arrives once and the same bytes go to every socket of the room in this
    # process: decoded once, not once per socket (msgpack was the largest cost of a fan-out).
    _DECODED = 8

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._decoded = collections.deque(maxlen=self._DECODED)

    def deserialize(self, message):
        """Each socket gets its own copy of the event's top level; the frame inside is shared
        and must not be changed by a handler."""
        for raw, decoded in self._decoded:
            if raw is message:
                return dict(decoded)
        decoded = super().deserialize(message)
        self._decoded.append((message, decoded))
        return dict(decoded)

    def _get_layer(self):
        loop = asyncio.get_running_loop()
        layer = self._layers.get(loop)
        if layer is None:
            layer = _LoopLayer(*self._args, **self._kwargs, channel_layer=self)
            self._layers[loop] = layer
            _wrap_close(self, loop)
        return layer

    def attach(self, channel, put):
        return self._get_layer().attach(channel, put)

    async def detach(self, channel):
        await self._get_layer().detach(channel)


class _FromClient:
    __slots__ = ("message",)

    def __init__(self, message):
        self.message = message


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error):
        self.error = error


class InboxConsumer(AsyncJsonWebsocketConsumer):
    """Channels' consumer with one queue per socket for what the client and the channel layer
    send it, handled one at a time in the order it arrived.

    Channels waits on the client and the layer together with asyncio.wait and a new task per
    event (channels.utils.await_many_dispatch): for a broadcast to hundreds of sockets that
    bookkeeping cost more than writing the frames. The order of handling is the same as
    Channels': an event waits while a handler before it awaits (an access re-check, a history
    replay), and the client's next frame is read only once its previous one was handled.
    RoomChannelLayer puts events straight into the queue; another layer (the in-memory one
    without Redis) is read by a task of its own.
    """

    async def __call__(self, scope, receive, send):
        self.scope = scope
        self.base_send = send
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        inbox = asyncio.Queue()
        handled = asyncio.Event()
        pumps = [asyncio.ensure_future(_read_client(receive, inbox, handled))]
        attached = False
        if self.channel_layer is not None:
            self.channel_name = await self.channel_layer.new_channel()
            attach = getattr(self.channel_layer, "attach", None)
            attached = attach is not None and attach(self.channel_name, inbox.put_nowait)
            if not attached:
                receive_event = functools.partial(self.channel_layer.receive, self.channel_name)
                pumps.append(asyncio.ensure_future(_read_layer(receive_event, inbox)))
        try:
            while True:
                item = await inbox.get()
                if type(item) is _FromClient:
                    await self.dispatch(item.message)
                    handled.set()
                elif type(item) is _Failed:
                    raise item.error
                else:
                    await self.dispatch(item)
        except StopConsumer:
            pass
        finally:
            for pump in pumps:
                pump.cancel()
            await asyncio.gather(*pumps, return_exceptions=True)
            if attached:
                await self.channel_layer.detach(self.channel_name)


async def _read_client(receive, inbox, handled):
    try:
        while True:
            message = await receive()
            handled.clear()
            inbox.put_nowait(_FromClient(message))
            await handled.wait()
    except asyncio.CancelledError:
        raise
    except Exception as error:
        inbox.put_nowait(_Failed(error))


async def _read_layer(receive_event, inbox):
    try:
        while True:
            inbox.put_nowait(await receive_event())
    except asyncio.CancelledError:
        raise
    except Exception as error:
        inbox.put_nowait(_Failed(error))
