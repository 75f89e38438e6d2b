"""Two application nodes behind one load balancer share PostgreSQL and Redis (issue 20, item 7):
a write on one node changes the page the other serves from its page cache at once, because the
cache versions live in Redis, not in a process.

Each node is a real gunicorn server (its own process, its own port) on this test's database;
the test speaks HTTP to them as nginx would."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.factories.gaps import PriorityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parent.parent.parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Node:
    def __init__(self, redis_url):
        self.port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "network.settings.dev",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": redis_url,
            "PAGE_CACHE": "true",
            "PYTHONPATH": str(ROOT),
        }
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "-w", "1", "-b", f"127.0.0.1:{self.port}", "network.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait()

    def _wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(self.process.stderr.read().decode()[-2000:])
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the node did not answer /healthz within 60 s")

    def request(self, method, path, *, cookies=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        result = (response.status, dict(response.getheaders()), response.read().decode())
        conn.close()
        return result

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.stderr.close()


@pytest.fixture
def nodes(postgres, redis_url):
    started = []
    try:
        started = [Node(settings.CACHES["default"]["LOCATION"]) for _ in range(2)]
        yield started
    finally:
        for node in started:
            node.stop()


def test_a_write_on_one_node_shows_at_once_on_the_page_the_other_caches(nodes, member_a):
    writer, reader = nodes
    priority = PriorityFactory(title="Children moving alone")
    status, headers, page = reader.request("GET", "/agenda/")
    assert status == 200 and "0 individual supporters" in page
    status, headers, _ = reader.request("GET", "/agenda/")
    assert headers.get("X-Page-Cache") == "hit"

    # The member supports the priority through the other node, as a browser would.
    visitor = Client()
    visitor.force_login(member_a)
    cookies = {"sessionid": visitor.cookies["sessionid"].value}
    status, headers, form_page = writer.request("GET", f"/agenda/{priority.pk}/", cookies=cookies)
    assert status == 200
    cookies["csrftoken"] = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page).group(1)
    status, headers, _ = writer.request(
        "POST",
        f"/agenda/{priority.pk}/support/",
        cookies=cookies,
        body=f"csrfmiddlewaretoken={token}",
    )
    assert status == 302
    assert priority.supporters.filter(user=member_a).exists()

    status, headers, after = reader.request("GET", "/agenda/")
    assert status == 200
    assert headers.get("X-Page-Cache") == "miss"
    assert "1 individual supporter" in after
