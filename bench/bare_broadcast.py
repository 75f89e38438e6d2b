"""The ceiling for the WebSocket fan-out: a bare broadcast server, no Django, no Channels.

    python bench/bare_broadcast.py --port 18582 [--redis redis://127.0.0.1:6379/7]

It speaks just enough of the room protocol for bench/wsbench.py: every socket gets a
presence frame when it connects; a `message.send` frame is answered by a `message` frame of
the same shape and size as the discussion consumer's, sent to every socket in the room. With
--redis, two or more processes (behind nginx, as `make bench` runs our own servers) share one
Redis pub/sub channel: each PUBLISHes what its clients send and fans out what it receives to
its own sockets, encoded once per message (websockets' broadcast()). No database, no
permission checks, no per-socket state: what is left is what the machine, the client, nginx
and Redis cost, which our servers cannot beat.
"""

import argparse
import asyncio
import itertools
import json
import time

from websockets.asyncio.connection import broadcast
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

CHANNEL = "bare-broadcast:room"


class Room:
    def __init__(self, redis_url=None):
        self.sockets = set()
        self.ids = itertools.count(1)
        self.redis = None
        if redis_url:
            from redis import asyncio as aioredis

            self.redis = aioredis.Redis.from_url(redis_url)

    def frame(self, content):
        """A frame like events.message_frame's (a saved message), same keys, similar size."""
        body = content.get("body") if isinstance(content.get("body"), str) else ""
        return json.dumps(
            {
                "type": "message",
                "id": next(self.ids),
                "topic": 1,
                "topic_title": str(content.get("topic") or ""),
                "author": "Load Person 00000",
                "author_id": 1,
                "body_html": f"<p>{body}</p>",
                "language": "en",
                "created": time.strftime("%Y-%m-%dT%H:%M:%S.000000+00:00", time.gmtime()),
                "edited_at": None,
                "client_id": str(content.get("client_id") or ""),
            }
        )

    async def post(self, text):
        if self.redis is None:
            broadcast(self.sockets, text)
        else:
            await self.redis.publish(CHANNEL, text)

    async def relay(self):
        """One subscription per process; what arrives goes to this process's sockets."""
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(CHANNEL)
        async for message in pubsub.listen():
            if message["type"] == "message":
                broadcast(self.sockets, message["data"].decode())

    async def handler(self, ws):
        self.sockets.add(ws)
        try:
            await ws.send(json.dumps({"type": "presence", "members": []}))
            async for raw in ws:
                try:
                    content = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(content, dict) and content.get("type") == "message.send":
                    await self.post(self.frame(content))
        except ConnectionClosed:
            pass
        finally:
            self.sockets.discard(ws)


def healthz(connection, request):
    """bench/run.py waits for /healthz (plain HTTP) before it measures."""
    if request.path == "/healthz":
        return connection.respond(200, "ok\n")
    return None


async def main(host, port, redis_url):
    room = Room(redis_url)
    relay = asyncio.create_task(room.relay()) if room.redis is not None else None
    async with serve(
        room.handler, host, port, ping_interval=None, max_queue=None, process_request=healthz
    ) as server:
        await server.serve_forever()
    if relay is not None:
        relay.cancel()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redis", default=None, help="share the room through this Redis")
    args = parser.parse_args()
    asyncio.run(main(args.host, args.port, args.redis))
