"""Two daphne processes sharing one Redis: a message sent to one reaches a client of the other.

The servers are separate processes, so they need a database they can open: the PostgreSQL
test database (rows committed by a transactional test) and the test Redis.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from websockets.asyncio.client import connect

from tests.discussions.conftest import session_cookie

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def wait_for_port(port, process, deadline):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daphne exited: {process.stderr.read().decode()[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"daphne did not listen on {port}")


@pytest.fixture
def two_servers(postgres, redis_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "network.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 15
        for port, process in zip(ports, processes, strict=True):
            wait_for_port(port, process, deadline)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


async def next_message(socket_):
    while True:
        frame = json.loads(await asyncio.wait_for(socket_.recv(), timeout=5))
        if frame["type"] == "message":
            return frame


@pytest.mark.django_db(transaction=True)
async def test_two_daphne_servers_deliver_each_others_messages(
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
    await sync_to_async(connection.close)()
    assert received == echo
    assert (received["body_html"], received["client_id"]) == ("<p>across</p>", client_id)
