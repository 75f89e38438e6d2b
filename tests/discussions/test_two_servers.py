"""Two socket servers (uvicorn, as deployed) sharing one Redis: a message sent to one reaches
a client of the other.

The servers are separate processes, so they need a database they can open: the PostgreSQL
test database (rows committed by a transactional test) and the test Redis.
"""

import asyncio
import json
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from websockets.asyncio.client import connect

from tests.discussions.conftest import session_cookie, socket_servers


@pytest.fixture
def two_servers(postgres, redis_url):
    with socket_servers(2, redis_url=redis_url) as ports:
        yield ports


async def next_message(socket_):
    while True:
        frame = json.loads(await asyncio.wait_for(socket_.recv(), timeout=5))
        if frame["type"] == "message":
            return frame


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_two_socket_servers_deliver_each_others_messages(
    two_servers, room, topic, member_a, focal_b
):
    cookies = [
        (await sync_to_async(session_cookie)(person))[1].decode() for person in (member_a, focal_b)
    ]
    urls = [f"ws://127.0.0.1:{port}/ws/discussions/{room.slug}/" for port in two_servers]
    async with (
        connect(urls[0], origin="http://127.0.0.1", additional_headers={"Cookie": cookies[0]}) as a,
        connect(urls[1], origin="http://127.0.0.1", additional_headers={"Cookie": cookies[1]}) as b,
    ):
        # Both are in the room once each has had its presence frame.
        for client in (a, b):
            frame = json.loads(await asyncio.wait_for(client.recv(), timeout=5))
            assert frame["type"] == "presence"
        client_id = str(uuid.uuid4())
        await a.send(
            json.dumps(
                {
                    "type": "message.send",
                    "topic": topic.pk,
                    "body": "across",
                    "client_id": client_id,
                }
            )
        )
        echo = await next_message(a)
        received = await next_message(b)
    # The ORM connection opened in sync_to_async's thread would keep the test database busy.
    await sync_to_async(lambda: connection.close())()
    assert received == echo
    assert (received["body_html"], received["client_id"]) == ("<p>across</p>", client_id)
