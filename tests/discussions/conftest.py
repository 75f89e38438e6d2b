import os
import runpy
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from network.discussions.enums import RoomVisibility
from tests.factories.discussions import RoomFactory, RoomMemberFactory, TopicFactory

ORIGIN = (b"origin", b"http://127.0.0.1")
ROOT = Path(__file__).resolve().parents[2]
# The socket servers' command as deployed (deploy/Procfile, read by deploy/procfile.py).
PROCFILE_COMMAND = runpy.run_path(str(ROOT / "deploy" / "procfile.py"))["command"]


def session_cookie(user):
    """The Cookie header of a signed-in session, for sockets behind AuthMiddlewareStack."""
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


@pytest.fixture
def room(db):
    return RoomFactory(title="Data gaps", slug="data-gaps")


@pytest.fixture
def topic(room):
    return TopicFactory(room=room, title="Welcome")


@pytest.fixture
def restricted_room(db, member_a):
    room = RoomFactory(
        title="Project team", slug="project-team", visibility=RoomVisibility.RESTRICTED
    )
    RoomMemberFactory(room=room, user=member_a)
    return room


@pytest.fixture
def home_page(db):
    from home import seed

    seed.load()


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


def wait_for_port(port, process, deadline, log):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the socket server exited: {log.read().decode()[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"the socket server did not listen on {port}")


@contextmanager
def socket_servers(count, *, redis_url=""):
    """Start `count` socket servers on loopback ports, serving the test database: uvicorn as
    deploy/Procfile runs it."""
    # Without PYTEST_XDIST_WORKER: redis_url is already this worker's database, and the
    # test settings would add the worker's number to it again.
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
        "DJANGO_SETTINGS_MODULE": "network.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
    }
    ports = [free_port() for _ in range(count)]
    # A file, not a pipe: a pipe nobody reads would block a chatty server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", *PROCFILE_COMMAND("sockets1", port=port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 40
        for port, process in zip(ports, processes, strict=True):
            wait_for_port(port, process, deadline, log)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each test runs on its own event loop; channels_redis keeps asyncio locks bound to the
    loop that first used them, so every test gets a layer of its own (a server has one loop)."""
    from channels.layers import channel_layers

    channel_layers.backends.pop("default", None)
    yield
    channel_layers.backends.pop("default", None)
