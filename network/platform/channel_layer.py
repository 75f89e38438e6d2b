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

The subclasses override channels-redis internals (`_get_layer`, `_shards`, `_do_receiving`):
pyproject.toml pins channels-redis below 5.
"""

import asyncio
import collections
import logging
import uuid

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
