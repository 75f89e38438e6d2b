"""Services: saving, idempotency, mentions and notifications, bounded broadcasting, digest."""

import io
import socket
import threading
import time
import uuid
from datetime import timedelta

import pytest
from channels.layers import channel_layers
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from network.discussions import seed, services
from network.discussions.enums import NotificationKind, RoomVisibility
from network.discussions.models import Mention, Message, Notification, Room, Topic, TopicFollow
from tests.factories import MembershipFactory
from tests.factories.discussions import RoomFactory

pytestmark = pytest.mark.django_db


def test_message_post_saves_rendered_message_and_bumps_topic(room, topic, member_a):
    before = topic.last_message_at
    message = services.message_post(room=room, author=member_a, topic=topic, body=" **hi** ")
    saved = Message.objects.get(pk=message.pk)
    assert (saved.body, saved.body_html, saved.room, saved.topic) == (
        "**hi**",
        "<p><strong>hi</strong></p>",
        room,
        topic,
    )
    topic.refresh_from_db()
    assert topic.last_message_at == saved.created > before


def test_message_post_same_client_id_returns_first_message(room, topic, member_a):
    client_id = uuid.uuid4()
    first = services.message_post(
        room=room, author=member_a, topic=topic, body="once", client_id=client_id
    )
    again = services.message_post(
        room=room, author=member_a, topic=topic, body="once", client_id=str(client_id)
    )
    assert again.pk == first.pk
    assert Message.objects.count() == 1


def test_message_post_client_id_of_another_room_is_refused(room, topic, member_a):
    client_id = uuid.uuid4()
    services.message_post(room=room, author=member_a, topic=topic, body="a", client_id=client_id)
    other = RoomFactory()
    with pytest.raises(ValidationError, match="another room"):
        services.message_post(
            room=other, author=member_a, topic_title="T", body="b", client_id=client_id
        )
    assert Message.objects.count() == 1


def test_message_post_by_outsider_is_refused(restricted_room, focal_b):
    with pytest.raises(PermissionDenied):
        services.message_post(room=restricted_room, author=focal_b, topic_title="T", body="x")
    assert (Message.objects.count(), Topic.objects.count()) == (0, 0)


def test_message_post_in_archived_room_is_refused(room, topic, member_a):
    Room.objects.filter(pk=room.pk).update(is_archived=True)
    room.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.message_post(room=room, author=member_a, topic=topic, body="late")
    assert error.value.code == "archived"
    assert Message.objects.count() == 0


def test_message_post_mentions_notify_people_who_can_see_the_room(room, topic, member_a, org_b):
    named = MembershipFactory(organization=org_b, user__display_name="Ana Lopez").user
    by_email = MembershipFactory(organization=org_b, user__email="kofi.mensah@example.org").user
    outsider = MembershipFactory(
        organization__status="applicant", user__display_name="Olga Petrova"
    ).user
    body = "Thanks @Ana Lopez and @kofi.mensah. @Olga Petrova, welcome. @nobody"
    message = services.message_post(room=room, author=member_a, topic=topic, body=body)
    assert set(Mention.objects.filter(message=message).values_list("user", flat=True)) == {
        named.pk,
        by_email.pk,
    }
    assert set(
        Notification.objects.filter(kind=NotificationKind.MENTION).values_list("user", flat=True)
    ) == {named.pk, by_email.pk}
    assert not Notification.objects.filter(user=outsider).exists()


def test_message_post_mention_outside_restricted_room_is_not_notified(
    restricted_room, member_a, focal_b
):
    services.message_post(
        room=restricted_room, author=member_a, topic_title="Budget", body=f"@{focal_b.name} hi"
    )
    assert Notification.objects.count() == 0
    assert Mention.objects.count() == 0


def test_message_post_notifies_followers_once(room, member_a, focal_b, alternate_a):
    topic = services.topic_create(room=room, title="Methods", by=member_a)
    services.topic_follow(topic=topic, user=focal_b)
    services.topic_follow(topic=topic, user=alternate_a)
    message = services.message_post(
        room=room, author=focal_b, topic=topic, body=f"@{alternate_a.name} see this"
    )
    notices = set(Notification.objects.values_list("user", "kind"))
    assert notices == {
        (member_a.pk, NotificationKind.FOLLOW),  # started the topic, so follows it
        (alternate_a.pk, NotificationKind.MENTION),
    }
    assert Notification.objects.filter(message=message).count() == 2


def test_topic_create_duplicate_title_is_refused(room, member_a):
    services.topic_create(room=room, title="Methods", by=member_a)
    with pytest.raises(ValidationError, match="already has a topic"):
        services.topic_create(room=room, title="methods", by=member_a)
    assert TopicFollow.objects.count() == 1


def test_mute_user_needs_moderator(room, member_a, focal_b):
    with pytest.raises(PermissionDenied):
        services.mute_user(room=room, user=focal_b, by=member_a, duration=timedelta(1))


def test_room_create_attached_to_an_object_once(staff, org_a):
    room = services.room_create(
        title="Agency A", by=staff, target=org_a, visibility=RoomVisibility.RESTRICTED
    )
    assert room.target == org_a
    assert room.slug == "agency-a"
    with pytest.raises(ValidationError, match="already has a room"):
        services.room_create(title="Again", by=staff, target=org_a)


def test_room_create_reserved_slug_is_avoided(staff):
    assert services.room_create(title="New", by=staff).slug == "new-room"


def test_send_mention_digest_emails_each_person_once(
    room, topic, member_a, focal_b, django_capture_on_commit_callbacks
):
    services.message_post(room=room, author=focal_b, topic=topic, body=f"@{member_a.name} one")
    services.message_post(room=room, author=focal_b, topic=topic, body=f"@{member_a.name} two")
    # The test runs in a transaction; the command alone would send at once.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_mention_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [member_a.email]
    assert email.subject == "You were mentioned 2 times in discussions"
    assert email.body.count(f"{focal_b.name} in Data gaps \u203a Welcome") == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_mention_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_seed_is_idempotent_and_keeps_edits():
    assert seed.load() == 2
    room = Room.objects.get(slug="inter-agency-research-network")
    assert (room.title, room.visibility) == ("Inter Agency Research Network", "network")
    assert list(room.topics.values_list("title", flat=True)) == ["Welcome"]
    Room.objects.filter(pk=room.pk).update(description="Edited")
    assert seed.load() == 0
    assert Room.objects.get(pk=room.pk).description == "Edited"


@pytest.fixture
def silent_redis():
    """A loopback port that accepts TCP connections and never answers: Redis hanging."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted, stop = [], threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_message_post_returns_promptly_when_redis_hangs(
    room, topic, member_a, silent_redis, settings, django_capture_on_commit_callbacks
):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "network.platform.channel_layer.RoomChannelLayer",
            "CONFIG": {"hosts": [silent_redis]},
        }
    }
    channel_layers.backends.pop("default", None)
    try:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            message = services.message_post(room=room, author=member_a, topic=topic, body="still")
        elapsed = time.monotonic() - started
    finally:
        channel_layers.backends.pop("default", None)
    assert len(callbacks) == 1  # the broadcast was attempted, after commit
    assert elapsed < 1.5
    assert Message.objects.get(pk=message.pk).body == "still"
