"""A message posted through a socket is broadcast after commit without holding the database
thread: the thread serves every socket of the server process in turn, and waiting in it for a
busy channel layer made the posts queue behind each other. Commit order is kept."""

import asyncio
import json

import pytest
from channels.layers import InMemoryChannelLayer, channel_layers
from django.test import override_settings

from network.discussions import events
from tests.discussions.test_consumers import joined, next_of, send_frame

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class HeldLayer(InMemoryChannelLayer):
    """The in-memory layer, holding message broadcasts until the test releases them (as a
    channel layer busy elsewhere would)."""

    released: asyncio.Event
    held: list

    async def group_send(self, group, message):
        if message["type"] == "discussions.message":
            self.held.append(message["frame"]["body_html"])
            await self.released.wait()
        await super().group_send(group, message)


@pytest.fixture
def slow_layer():
    """The site's channel layer is a HeldLayer for the test."""
    backend = f"{HeldLayer.__module__}.HeldLayer"
    with override_settings(CHANNEL_LAYERS={"default": {"BACKEND": backend}}):
        channel_layers.backends.pop("default", None)
        HeldLayer.released, HeldLayer.held = asyncio.Event(), []
        yield HeldLayer
        channel_layers.backends.pop("default", None)


@pytest.fixture
def held_layer(monkeypatch, slow_layer):
    # Long enough that the broadcasts are held, not dropped, while the test looks.
    monkeypatch.setattr(events, "BROADCAST_TIMEOUT", 10)
    return slow_layer


async def test_socket_post_answers_while_its_broadcast_waits_and_order_is_kept(
    held_layer, room, topic, member_a, focal_b
):
    alice = await joined(member_a, room.slug)
    bob = await joined(focal_b, room.slug)
    for body in ("one", "two"):
        await alice.send_json_to(send_frame(topic.pk, body))
        # The echo comes back while the broadcast is still held by the layer.
        echo = await next_of(alice, "message", timeout=5)
        assert echo["body_html"] == f"<p>{body}</p>"
    assert held_layer.held == ["<p>one</p>", "<p>two</p>"]
    assert await bob.receive_nothing(timeout=0.2) is True
    held_layer.released.set()
    received = [(await next_of(bob, "message"))["body_html"] for _ in range(2)]
    assert received == ["<p>one</p>", "<p>two</p>"]
    # Alice had both already: the broadcast copies are not sent to her again.
    later = []
    while not await alice.receive_nothing(timeout=0.3):
        later.append(json.loads(await alice.receive_from())["type"])
    assert "message" not in later
    await alice.disconnect()
    await bob.disconnect()


async def test_a_handed_over_broadcast_outlasts_a_busy_layer_longer_than_a_write_would_wait(
    slow_layer, room, topic, member_a, focal_b
):
    alice = await joined(member_a, room.slug)
    bob = await joined(focal_b, room.slug)
    await alice.send_json_to(send_frame(topic.pk, "late but there"))
    assert (await next_of(alice, "message"))["body_html"] == "<p>late but there</p>"
    # Held for longer than a write may wait (BROADCAST_TIMEOUT), then released.
    await asyncio.sleep(events.BROADCAST_TIMEOUT + 0.3)
    slow_layer.released.set()
    assert (await next_of(bob, "message"))["body_html"] == "<p>late but there</p>"
    await alice.disconnect()
    await bob.disconnect()
