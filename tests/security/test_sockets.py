"""Every WebSocket route as every role (rows.SOCKETS), and no frame carrying a restricted
room's canaries to a socket in another room."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from network.asgi import application
from network.discussions import services
from network.discussions.routing import websocket_urlpatterns
from tests.discussions.conftest import ORIGIN, session_cookie
from tests.security import rows as table
from tests.security.world import FOCAL_B, MEMBER_A, MODERATOR, ROLES, TEAM, Canary, build

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECRET = (Canary.ROOM_TITLE, Canary.ROOM_TOPIC, Canary.ROOM_MESSAGE, "WsCanaryFreshMessage")


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each test has its own event loop; channels_redis binds its locks to the first one."""
    from channels.layers import channel_layers

    channel_layers.backends.pop("default", None)
    yield
    channel_layers.backends.pop("default", None)


def test_every_socket_route_has_a_row():
    routes = {str(p.pattern) for p in websocket_urlpatterns}
    covered = {r.route for r in table.SOCKETS}
    assert sorted(routes - covered) == [], "socket routes without a row in rows.SOCKETS"
    assert sorted(covered - routes) == []


async def _open(cookie, path):
    headers = [ORIGIN] + ([cookie] if cookie else [])
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def _answer(communicator):
    """ACCEPT when the first frame is the room's presence, REFUSE on a 4403 close."""
    output = await communicator.receive_output(timeout=5)
    if output["type"] == "websocket.close":
        assert output["code"] == 4403
        return table.REFUSE
    assert '"presence"' in output["text"]
    return table.ACCEPT


async def _frames(communicator, timeout=0.5):
    """Every frame that arrives until the socket stays quiet for `timeout` seconds."""
    frames = []
    while not await communicator.receive_nothing(timeout=timeout):
        output = await communicator.receive_output()
        frames.append(output.get("text", "") or "")
    return frames


async def test_sockets_answer_each_role_as_declared_and_frames_carry_no_canary():
    world = await sync_to_async(build)()
    cookies = {role: None for role in ROLES}
    for role, user in world.users.items():
        cookies[role] = await sync_to_async(session_cookie)(user)

    wrong = []
    for row in table.SOCKETS:
        path = row.url(world)
        for role in ROLES:
            communicator = await _open(cookies[role], path)
            answer = await _answer(communicator)
            if answer != row.methods["CONNECT"][role]:
                wrong.append(f"{role} {path}: expected {row.methods['CONNECT'][role]}, {answer}")
            await communicator.disconnect()
    assert wrong == [], "\n".join(wrong)

    # Two network members in the network room, a moderator in the restricted one.
    outsider = await _open(cookies[MEMBER_A], "/ws/discussions/network-room/")
    other = await _open(cookies[FOCAL_B], "/ws/discussions/network-room/")
    insider = await _open(cookies[MODERATOR], "/ws/discussions/secret-room/")
    for communicator in (outsider, other, insider):
        assert await _answer(communicator) == table.ACCEPT

    # A message in the restricted room, posted the way the page posts it.
    await sync_to_async(services.message_post)(
        room=world.secret_room,
        author=world.users[TEAM],
        body="WsCanaryFreshMessage",
        topic=world.secret_topic,
        client_id=uuid.uuid4(),
    )
    # The outsider asks for the whole history and tries the restricted room's topic by id.
    await outsider.send_json_to({"type": "history.since", "after_id": 0})
    await outsider.send_json_to(
        {
            "type": "message.send",
            "topic": world.secret_topic.pk,
            "body": "Which room is this?",
            "client_id": str(uuid.uuid4()),
        }
    )
    outsider_frames = await _frames(outsider)
    other_frames = await _frames(other)
    insider_frames = await _frames(insider)

    # The insider got the message live: the check below could fail.
    assert any("WsCanaryFreshMessage" in f for f in insider_frames), insider_frames
    assert any('"error"' in f and "no such topic" in f for f in outsider_frames), outsider_frames
    assert any("Hello network" in f for f in outsider_frames), outsider_frames
    for frame in outsider_frames + other_frames:
        assert [c for c in SECRET if c in frame] == [], frame
    for communicator in (outsider, other, insider):
        await communicator.disconnect()
