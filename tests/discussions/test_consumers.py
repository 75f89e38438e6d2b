"""The room socket against the configured channel layer (Redis in CI)."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from network.asgi import application
from network.discussions import services
from network.discussions.models import Message, RoomMember
from tests.discussions.conftest import ORIGIN, session_cookie
from tests.factories.discussions import MessageFactory, TopicFactory

# Serialized rollback leaves the migrations' rows (content types, Wagtail root) for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def open_socket(user, slug):
    headers = [ORIGIN]
    if user is not None:
        headers.append(await sync_to_async(session_cookie)(user))
    communicator = WebsocketCommunicator(application, f"/ws/discussions/{slug}/", headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected is True
    return communicator


async def joined(user, slug):
    """A socket that is in the room, past its own presence frame."""
    communicator = await open_socket(user, slug)
    frame = await communicator.receive_json_from(timeout=5)
    assert frame["type"] == "presence"
    return communicator


async def next_of(communicator, kind, timeout=5):
    """The next frame of a kind, skipping presence and typing frames."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind or frame["type"] not in {"presence", "typing"}:
            return frame


async def assert_refused(communicator):
    closing = await communicator.receive_output(timeout=5)
    assert closing == {"type": "websocket.close", "code": 4403}
    await communicator.wait()


def send_frame(topic, body, client_id=None):
    return {
        "type": "message.send",
        "topic": topic,
        "body": body,
        "client_id": str(client_id or uuid.uuid4()),
    }


async def test_socket_refuses_who_may_not_see_the_room(
    room, restricted_room, member_a, focal_b, plain_user
):
    """Anonymous, outsiders of a restricted room, people outside the network, unknown rooms."""
    for user, slug in [
        (None, room.slug),
        (focal_b, restricted_room.slug),
        (plain_user, room.slug),
        (member_a, "no-such-room"),
    ]:
        await assert_refused(await open_socket(user, slug))
    # The same people are let in where they belong.
    allowed = await joined(member_a, restricted_room.slug)
    await allowed.disconnect()


async def test_socket_message_reaches_second_client_with_saved_id(room, topic, member_a, focal_b):
    alice = await joined(member_a, room.slug)
    bob = await joined(focal_b, room.slug)
    client_id = uuid.uuid4()
    await alice.send_json_to(send_frame(topic.pk, "Hello **all**", client_id))
    echo = await next_of(alice, "message")
    received = await next_of(bob, "message")
    assert echo == received
    assert echo["body_html"] == "<p>Hello <strong>all</strong></p>"
    assert echo["client_id"] == str(client_id)
    assert echo["topic"] == topic.pk
    assert echo["author"] == member_a.name
    saved = await sync_to_async(Message.objects.get)(pk=echo["id"])
    assert (saved.body, saved.author_id, saved.topic_id) == ("Hello **all**", member_a.pk, topic.pk)
    # The sender's own broadcast copy is not delivered a second time.
    assert await alice.receive_nothing(timeout=0.3) is True
    await alice.disconnect()
    await bob.disconnect()


async def test_socket_message_by_topic_title_opens_the_topic(room, member_a):
    alice = await joined(member_a, room.slug)
    await alice.send_json_to(send_frame("Sampling in Moldova", "Who has data?"))
    echo = await next_of(alice, "message")
    assert echo["topic_title"] == "Sampling in Moldova"
    count = await sync_to_async(room.topics.filter(title="Sampling in Moldova").count)()
    assert count == 1
    await alice.disconnect()


async def test_socket_resend_with_same_client_id_returns_the_first_message(room, topic, member_a):
    client_id = uuid.uuid4()
    first = await joined(member_a, room.slug)
    await first.send_json_to(send_frame(topic.pk, "Only once", client_id))
    original = await next_of(first, "message")
    await first.disconnect()
    second = await joined(member_a, room.slug)
    await second.send_json_to(send_frame(topic.pk, "Only once", client_id))
    again = await next_of(second, "message")
    assert again == original
    assert await sync_to_async(Message.objects.filter(body="Only once").count)() == 1
    await second.disconnect()


async def test_socket_history_since_replays_missed_messages_in_order_once(
    room, topic, member_a, focal_b
):
    other = await sync_to_async(TopicFactory)(room=room, title="Other")
    seen = await sync_to_async(MessageFactory)(topic=topic, author=focal_b)
    missed = []
    for n, where in enumerate([topic, other, topic]):
        missed.append(
            await sync_to_async(MessageFactory)(topic=where, author=focal_b, body=f"m{n}")
        )
    await sync_to_async(MessageFactory)(topic=topic, author=focal_b, hidden=True)
    alice = await joined(member_a, room.slug)
    await alice.send_json_to({"type": "history.since", "after_id": seen.pk})
    frames = [await next_of(alice, "message") for _ in missed]
    assert [f["id"] for f in frames] == [m.pk for m in missed]
    assert [f["topic"] for f in frames] == [topic.pk, other.pk, topic.pk]
    # Asking again sends nothing this socket already has.
    await alice.send_json_to({"type": "history.since", "after_id": seen.pk})
    assert await alice.receive_nothing(timeout=0.3) is True
    await alice.disconnect()


async def test_socket_hidden_message_event_reaches_clients(room, topic, member_a, staff):
    message = await sync_to_async(MessageFactory)(topic=topic, author=member_a)
    alice = await joined(member_a, room.slug)
    await sync_to_async(services.message_hide)(message=message, by=staff, reason="Off topic")
    frame = await next_of(alice, "message.hidden")
    assert frame == {"type": "message.hidden", "id": message.pk}
    await alice.disconnect()


async def test_socket_rate_limit_answers_with_error_frame(room, topic, member_a):
    alice = await joined(member_a, room.slug)
    for n in range(services.RATE_LIMIT):
        await alice.send_json_to(send_frame(topic.pk, f"burst {n}"))
        assert (await next_of(alice, "message"))["type"] == "message"
    await alice.send_json_to(send_frame(topic.pk, "one too many"))
    frame = await next_of(alice, "error")
    assert frame == {
        "type": "error",
        "code": "rate_limited",
        "detail": "Slow down: at most 20 messages in 10 seconds.",
    }
    assert await sync_to_async(Message.objects.filter(body="one too many").exists)() is False
    # The socket stays open and answers.
    await alice.send_json_to({"type": "history.since", "after_id": 10**9})
    assert await alice.receive_nothing(timeout=0.3) is True
    await alice.disconnect()


async def test_socket_removed_member_is_disconnected(restricted_room, member_a):
    alice = await joined(member_a, restricted_room.slug)
    await sync_to_async(services.room_member_remove)(room=restricted_room, user=member_a)
    await assert_refused(alice)
    assert await sync_to_async(RoomMember.objects.filter(user=member_a).exists)() is False


async def test_socket_restricted_room_message_stays_inside(restricted_room, member_a, focal_b):
    """A network member outside the room never receives its messages."""
    topic = await sync_to_async(TopicFactory)(room=restricted_room, title="Budget")
    alice = await joined(member_a, restricted_room.slug)
    outsider = await open_socket(focal_b, restricted_room.slug)
    await assert_refused(outsider)
    await alice.send_json_to(send_frame(topic.pk, "internal"))
    assert (await next_of(alice, "message"))["body_html"] == "<p>internal</p>"
    await alice.disconnect()


async def test_socket_bad_frames_get_error_frames(room, topic, member_a):
    alice = await joined(member_a, room.slug)
    await alice.send_to(text_data="not json")
    assert (await next_of(alice, "error"))["code"] == "invalid"
    await alice.send_json_to({"type": "message.send", "topic": topic.pk, "body": ""})
    assert (await next_of(alice, "error"))["detail"] == "body must be a non-empty string."
    await alice.send_json_to(send_frame(topic.pk, "x" * 10_001))
    assert (await next_of(alice, "error"))["code"] == "invalid"
    await alice.send_json_to(send_frame(999_999, "hello"))
    assert (await next_of(alice, "error"))["code"] == "not_found"
    await alice.send_json_to({"type": "history.since", "after_id": "x"})
    assert (await next_of(alice, "error"))["code"] == "invalid"
    await alice.send_json_to(
        {"type": "message.send", "topic": topic.pk, "body": "a", "client_id": "no"}
    )
    assert (await next_of(alice, "error"))["detail"] == "client_id must be a UUID."
    assert await sync_to_async(Message.objects.count)() == 0
    await alice.disconnect()


async def test_socket_presence_and_typing(room, member_a, focal_b):
    alice = await joined(member_a, room.slug)
    bob = await joined(focal_b, room.slug)
    frame = await alice.receive_json_from(timeout=5)
    assert frame == {
        "type": "presence",
        "members": [
            {"id": p.pk, "name": p.name} for p in sorted([member_a, focal_b], key=lambda p: p.name)
        ],
    }
    await alice.send_json_to({"type": "typing"})
    frame = await bob.receive_json_from(timeout=5)
    assert frame == {"type": "typing", "author": member_a.name, "author_id": member_a.pk}
    assert await alice.receive_nothing(timeout=0.3) is True
    await bob.disconnect()
    frame = await alice.receive_json_from(timeout=5)
    assert frame == {"type": "presence", "members": [{"id": member_a.pk, "name": member_a.name}]}
    await alice.disconnect()


MALFORMED = [
    # (what, how it is sent, error code)
    ("binary frame", {"bytes_data": b'{"type": "typing"}'}, "invalid"),
    ("invalid UTF-8", {"bytes_data": b"\xff\xfe\xc3\x28"}, "invalid"),
    ("not JSON", {"text_data": "not json"}, "invalid"),
    ("JSON array", {"text_data": "[1, 2]"}, "invalid"),
    ("JSON string", {"text_data": '"message.send"'}, "invalid"),
    ("JSON null", {"text_data": "null"}, "invalid"),
    ("empty text", {"raw": {"type": "websocket.receive", "text": ""}}, "invalid"),
    ("huge frame", {"text_data": '{"type": "typing", "x": "' + "x" * 200_000 + '"}'}, "too_large"),
    ("deeply nested", {"text_data": "[" * 50_000 + "]" * 50_000}, "invalid"),
    ("deep object", {"text_data": '{"a":' * 20_000 + "1" + "}" * 20_000}, "invalid"),
    (
        "huge number",
        {"text_data": '{"type": "history.since", "after_id": ' + "9" * 5000 + "}"},
        "invalid",
    ),
    ("type not a string", {"json": {"type": ["message.send"]}}, "invalid"),
    ("unknown type", {"json": {"type": "drop.tables"}}, "invalid"),
    ("topic a list", {"json": {"type": "message.send", "topic": [1], "body": "x"}}, "invalid"),
    ("topic a float", {"json": {"type": "message.send", "topic": 1.5, "body": "x"}}, "invalid"),
    ("topic true", {"json": {"type": "message.send", "topic": True, "body": "x"}}, "invalid"),
    (
        "body an object",
        {"json": {"type": "message.send", "topic": "T", "body": {"a": 1}}},
        "invalid",
    ),
    (
        "client_id a number",
        {"json": {"type": "message.send", "topic": "T", "body": "x", "client_id": 5}},
        "invalid",
    ),
    ("after_id negative", {"json": {"type": "history.since", "after_id": -1}}, "invalid"),
    ("after_id NaN", {"text_data": '{"type": "history.since", "after_id": NaN}'}, "invalid"),
    ("after_id missing", {"json": {"type": "history.since"}}, "invalid"),
]


async def test_socket_malformed_frames_get_an_error_frame_and_the_socket_stays(room, member_a):
    """Table-driven, on one socket: each bad frame gets exactly one error frame, nothing is
    saved, and the socket still works after the whole table."""
    alice = await joined(member_a, room.slug)
    for what, frame, code in MALFORMED:
        if "json" in frame:
            await alice.send_json_to(frame["json"])
        elif "raw" in frame:
            await alice.send_input(frame["raw"])
        else:
            await alice.send_to(**frame)
        answer = await alice.receive_json_from(timeout=5)
        assert (answer["type"], answer["code"]) == ("error", code), what
        assert isinstance(answer["detail"], str) and answer["detail"], what
    assert await alice.receive_nothing(timeout=0.2) is True
    assert await sync_to_async(Message.objects.count)() == 0
    await alice.send_json_to(send_frame("Still here", "after the storm"))
    assert (await next_of(alice, "message"))["body_html"] == "<p>after the storm</p>"
    await alice.disconnect()


async def test_socket_topic_moved_reaches_both_rooms_without_leaking_a_restricted_slug(
    room, restricted_room, topic, member_a, focal_b, staff
):
    inside = await joined(member_a, restricted_room.slug)
    outside = await joined(focal_b, room.slug)
    await sync_to_async(services.topic_move)(
        topic=topic, to_room=restricted_room, by=staff, confirm_wider=False
    )
    assert await next_of(inside, "topic.moved") == {
        "type": "topic.moved",
        "topic": topic.pk,
        "room": restricted_room.slug,
    }
    # focal_b cannot see the restricted room: told the topic left, not where it went.
    assert await next_of(outside, "topic.moved") == {
        "type": "topic.moved",
        "topic": topic.pk,
        "room": None,
    }
    await inside.disconnect()
    await outside.disconnect()


async def test_socket_message_keeps_the_language_it_is_written_in(room, topic, member_a):
    alice = await joined(member_a, room.slug)
    await alice.send_json_to({**send_frame(topic.pk, "Привет всем"), "language": "ru"})
    echo = await next_of(alice, "message")
    assert echo["language"] == "ru"
    saved = await sync_to_async(Message.objects.get)(pk=echo["id"])
    assert saved.language == "ru"
    await alice.send_json_to({**send_frame(topic.pk, "Bonjour"), "language": "xx"})
    refused = await next_of(alice, "error")
    assert refused["code"] == "invalid"
    assert "“xx” is not a language the network knows." in refused["detail"]
    assert await sync_to_async(Message.objects.filter(body="Bonjour").exists)() is False
    await alice.disconnect()


async def test_socket_message_without_a_language_takes_the_authors(room, topic, member_a):
    member_a.interface_language = "fr"
    await sync_to_async(member_a.save)(update_fields=["interface_language"])
    alice = await joined(member_a, room.slug)
    await alice.send_json_to(send_frame(topic.pk, "Bonjour à tous"))
    echo = await next_of(alice, "message")
    assert echo["language"] == "fr"
    await alice.disconnect()
