"""With REDIS_URL the channel layer is Redis, and two servers deliver each other's messages."""

import uuid

from channels_redis.pubsub import RedisPubSubChannelLayer
from django.conf import settings
from django.test import override_settings

from network.platform.channel_layer import RoomChannelLayer


def test_channel_layer_uses_redis_when_redis_url_is_set(redis_url):
    backend = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    assert backend == "network.platform.channel_layer.RoomChannelLayer"
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert settings.CACHES["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


async def test_two_servers_sharing_redis_deliver_each_others_messages(redis_url):
    # Two layer instances stand for two ASGI workers; neither keeps state the other needs.
    server_a = RoomChannelLayer(hosts=[redis_url])
    server_b = RoomChannelLayer(hosts=[redis_url])
    group = f"test-{uuid.uuid4().hex}"
    channel = await server_a.new_channel()
    await server_a.group_add(group, channel)
    try:
        await server_b.group_send(group, {"type": "message", "body": "hello from B"})
        received = await server_a.receive(channel)
    finally:
        await server_a.group_discard(group, channel)
        await server_a.flush()
        await server_b.flush()
    assert received == {"type": "message", "body": "hello from B"}


@override_settings(CHANNEL_LAYERS={"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}})
async def test_in_memory_layer_round_trip_without_redis():
    from channels.layers import channel_layers

    channel_layers.backends.pop("default", None)
    layer = channel_layers["default"]
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "ping"})
    assert await layer.receive(channel) == {"type": "ping"}
    channel_layers.backends.pop("default", None)


async def test_a_broadcast_is_decoded_once_and_each_socket_gets_its_own_event(redis_url):
    layer = RoomChannelLayer(hosts=[redis_url])
    group = f"test-{uuid.uuid4().hex}"
    first, second = await layer.new_channel(), await layer.new_channel()
    await layer.group_add(group, first)
    await layer.group_add(group, second)
    decoded = []
    original = RedisPubSubChannelLayer.deserialize

    def counting(self, message):
        decoded.append(message)
        return original(self, message)

    try:
        RedisPubSubChannelLayer.deserialize = counting
        await layer.group_send(group, {"type": "discussions.frame", "frame": {"id": 1}})
        one, two = await layer.receive(first), await layer.receive(second)
    finally:
        RedisPubSubChannelLayer.deserialize = original
        await layer.flush()
    assert one == two == {"type": "discussions.frame", "frame": {"id": 1}}
    assert one is not two
    assert len(decoded) == 1
