"""Redis stopped, or accepting connections and never answering: posting still succeeds within
a second and is saved, pages answer, and once Redis is back live delivery resumes and a
reconnecting client catches up from the database.

The tests start a Redis of their own on a free loopback port (and stop it), so that they never
disturb the shared one; the hanging case is a loopback socket that accepts and never answers.
"""

import asyncio
import shutil
import socket
import subprocess
import threading
import time
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import cache
from django.test import Client
from django.urls import resolve

from network.discussions.models import Message
from tests.conftest import need
from tests.discussions.conftest import free_port
from tests.discussions.test_consumers import joined, next_of, open_socket, send_frame
from tests.factories import PASSWORD
from tests.factories.gaps import DataGapFactory
from tests.search.test_search import URL, _titles

WITHIN = 1.0


class OwnRedis:
    """A redis-server on a loopback port, stopped and started again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [  # noqa: S607 - the Debian redis-server on PATH
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise TimeoutError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=5)


class Blackhole:
    """A loopback socket that accepts connections and never answers (a hung Redis)."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/0"
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()


def redis_settings(settings, url):
    # Import the URLconf now, so that a first request's imports are not timed as the fault's.
    resolve("/discussions/")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "network.platform.channel_layer.RoomChannelLayer",
            "CONFIG": {"hosts": [url]},
        }
    }
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": url},
    }


@pytest.fixture
def own_redis(settings, redis_url):
    need("redis-server", shutil.which("redis-server") is not None, "redis-server is not installed")
    if settings.CACHES["default"]["BACKEND"] != "django_redis.cache.RedisCache":
        pytest.fail("the cache must be django-redis when REDIS_URL is set")
    server = OwnRedis()
    server.start()
    redis_settings(settings, server.url)
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def hung_redis(settings, redis_url):
    blackhole = Blackhole()
    redis_settings(settings, blackhole.url)
    yield blackhole
    blackhole.close()


async def reconnect(user, slug, attempts=20):
    """What a client does: reconnect, and on 4503 (try again later) back off a little."""
    for _ in range(attempts):
        communicator = await open_socket(user, slug)
        first = await communicator.receive_output(timeout=5)
        if first["type"] == "websocket.send":
            return communicator
        assert first == {"type": "websocket.close", "code": 4503}
        await asyncio.sleep(0.1)
    raise AssertionError("the socket never came back")


def timed(call, *args, **kwargs):
    start = time.monotonic()
    result = call(*args, **kwargs)
    return result, time.monotonic() - start


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_redis_stopped_then_back(own_redis, room, topic, member_a, focal_b):
    alice = await joined(member_a, room.slug)
    before = await sync_to_async(Message.objects.count)()
    await sync_to_async(own_redis.stop)()

    # The socket still posts, and the echo carries the saved id, within a second.
    start = time.monotonic()
    await alice.send_json_to(send_frame(topic.pk, "said while Redis was down"))
    echo = await next_of(alice, "message", timeout=WITHIN)
    assert time.monotonic() - start < WITHIN
    saved = await sync_to_async(Message.objects.get)(pk=echo["id"])
    assert saved.body == "said while Redis was down"

    # The plain form too; and the pages answer.
    def post_and_read():
        client = Client()
        client.force_login(focal_b)
        response, took = timed(
            client.post,
            f"/discussions/{room.slug}/",
            {"topic": topic.pk, "body": "form post while down", "client_id": str(uuid.uuid4())},
        )
        assert response.status_code == 302, response.content
        assert took < WITHIN
        for path in (f"/discussions/{room.slug}/", "/discussions/", "/members/"):
            page = client.get(path)
            assert page.status_code == 200, path
        return client.get(f"/discussions/{room.slug}/").content.decode()

    page = await sync_to_async(post_and_read)()
    assert "said while Redis was down" in page and "form post while down" in page
    assert await sync_to_async(Message.objects.count)() == before + 2

    # Redis is back: a reconnecting client catches up with history.since…
    await sync_to_async(own_redis.start)()
    bob = await reconnect(focal_b, room.slug)
    await bob.send_json_to({"type": "history.since", "after_id": 0})
    caught_up = [(await next_of(bob, "message"))["id"] for _ in range(2)]
    assert (
        caught_up
        == await sync_to_async(
            lambda: list(Message.objects.order_by("pk").values_list("pk", flat=True))
        )()
    )
    # …the socket that stayed open through the outage is sent what it missed, unasked…
    missed = await next_of(alice, "message", timeout=5)
    assert missed["body_html"] == "<p>form post while down</p>"
    # …and live delivery works again, both ways.
    await alice.send_json_to(send_frame(topic.pk, "Redis is back"))
    assert (await next_of(alice, "message"))["body_html"] == "<p>Redis is back</p>"  # echo
    assert (await next_of(bob, "message"))["body_html"] == "<p>Redis is back</p>"
    await bob.send_json_to(send_frame(topic.pk, "welcome back"))
    assert (await next_of(alice, "message"))["body_html"] == "<p>welcome back</p>"
    await alice.disconnect()
    await bob.disconnect()


@pytest.mark.django_db
def test_redis_hanging_posts_and_pages_still_answer(
    hung_redis, client, room, topic, focal_b, django_capture_on_commit_callbacks
):
    client.force_login(focal_b)
    # The broadcast runs on commit: execute it, so the hung channel layer is really tried.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response, took = timed(
            client.post,
            f"/discussions/{room.slug}/",
            {"topic": topic.pk, "body": "posted into the void", "client_id": str(uuid.uuid4())},
        )
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert took < WITHIN
    assert Message.objects.get().body == "posted into the void"
    for path in (f"/discussions/{room.slug}/", "/discussions/", "/members/"):
        response, took = timed(client.get, path)
        assert response.status_code == 200, path
        assert took < 2 * WITHIN, path
    assert "posted into the void" in response.content.decode() or path == "/members/"
    # allauth's login throttle lives in the cache and fails closed: without Redis, sign-in
    # is refused with 429 (an outage never opens the door to password guessing), never a 5xx.
    visitor = Client()
    response, took = timed(
        visitor.post, "/accounts/login/", {"login": focal_b.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert took < 2 * WITHIN
    assert "_auth_user_id" not in visitor.session
    assert hung_redis.accepted, "the cache never even tried the hung Redis"


@pytest.mark.django_db
def test_redis_hanging_search_still_finds_and_keeps_nothing_in_the_shared_miss(hung_redis, client):
    """With Redis down, django-redis answers every get_many with one shared empty dict: a search
    that wrote its cards into it would hand them to every later caller of get_many."""
    DataGapFactory(title="Zanzibar labour gap", description="Forced labour data.")
    DataGapFactory(title="Quokka labour gap", description="Forced labour data.")
    for term, title in (("zanzibar", "Zanzibar labour gap"), ("quokka", "Quokka labour gap")):
        response, took = timed(client.get, URL, {"q": term})
        assert _titles(response, "gaps") == [title]
        assert took < 2 * WITHIN
    assert cache.get_many(["search:card:gaps:en:1:1"]) == {}
    assert hung_redis.accepted, "the cache never even tried the hung Redis"
