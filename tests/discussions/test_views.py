"""The room pages without JavaScript: reading, posting, editing, moderating."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.discussions import services
from network.discussions.enums import RevisionAction, RoomVisibility
from network.discussions.models import (
    Message,
    MessageRevision,
    Mute,
    Notification,
    Room,
    Topic,
)
from tests.factories.discussions import (
    MessageFactory,
    RoomFactory,
    RoomModeratorFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, whether a second factor is required (members.needs_mfa), notifications with
# their topics, unread count, menu, and the reader's memberships (notifications show only in
# rooms the reader may still see).
QUERIES_NOTIFICATIONS = 8


def room_url(room):
    return reverse("discussions:room", args=[room.slug])


def test_room_list_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("discussions:index"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_room_list_shows_visible_rooms_with_unread_counts(client, member_a, focal_b, room, topic):
    hidden = RoomFactory(title="Secret project", visibility=RoomVisibility.RESTRICTED)
    MessageFactory.create_batch(3, topic=topic, author=focal_b)
    MessageFactory(topic=topic, author=member_a)
    client.force_login(member_a)
    response = client.get(reverse("discussions:index"))
    rooms = list(response.context["rooms"])
    assert rooms == [room]
    assert rooms[0].unread == 3
    assert hidden.title not in response.content.decode()
    # Reading the room clears the count.
    client.get(room_url(room))
    assert next(iter(client.get(reverse("discussions:index")).context["rooms"])).unread == 0


def test_room_list_empty_state_for_person_outside_network(client, plain_user, room):
    client.force_login(plain_user)
    response = client.get(reverse("discussions:index"))
    assert list(response.context["rooms"]) == []
    assert "No room is open to you yet." in response.content.decode()


def test_nav_link_only_for_signed_in_people(client, member_a, home_page):
    assert 'href="/discussions/"' not in client.get("/").content.decode()
    client.force_login(member_a)
    assert 'href="/discussions/">Discussions</a>' in client.get("/").content.decode()


def test_room_restricted_is_404_for_outsider(client, restricted_room, focal_b):
    client.force_login(focal_b)
    assert client.get(room_url(restricted_room)).status_code == 404
    response = client.post(room_url(restricted_room), {"new_topic": "x", "body": "leak"})
    assert response.status_code == 404
    assert Message.objects.count() == 0


def test_room_restricted_is_shown_to_member(client, restricted_room, member_a):
    client.force_login(member_a)
    response = client.get(room_url(restricted_room))
    assert response.status_code == 200
    assert "<h1>Project team</h1>" in response.content.decode()


def test_room_post_plain_form_saves_and_redirects(client, member_a, room, topic):
    client.force_login(member_a)
    response = client.post(room_url(room), {"topic": topic.pk, "body": "See _this_ report"})
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/discussions/data-gaps/#m{message.pk}"
    assert (message.author, message.topic, message.body_html) == (
        member_a,
        topic,
        "<p>See <em>this</em> report</p>",
    )
    page = client.get(room_url(room)).content.decode()
    assert "<p>See <em>this</em> report</p>" in page


def test_room_post_same_form_twice_posts_once(client, member_a, room, topic):
    client.force_login(member_a)
    form = client.get(room_url(room)).context["form"]
    data = {"topic": topic.pk, "body": "double click", "client_id": form.initial["client_id"]}
    first = client.post(room_url(room), data)
    second = client.post(room_url(room), data)
    assert first["Location"] == second["Location"]
    assert Message.objects.filter(body="double click").count() == 1


def test_room_post_new_topic_by_title(client, member_a, room):
    client.force_login(member_a)
    client.post(room_url(room), {"new_topic": "Indicators", "body": "First"})
    assert Topic.objects.get(room=room).title == "Indicators"
    assert Message.objects.get().topic.title == "Indicators"


def test_room_composer_defaults_to_the_latest_open_topic(client, member_a, room):
    now = timezone.now()
    TopicFactory(room=room, title="Aardvark", last_message_at=now - timedelta(days=2))
    latest = TopicFactory(room=room, title="Sampling", last_message_at=now - timedelta(days=1))
    TopicFactory(room=room, title="Locked", last_message_at=now, locked=True)
    client.force_login(member_a)
    form = client.get(room_url(room)).context["form"]
    assert form["topic"].value() == latest.pk
    assert f'<option value="{latest.pk}" selected>Sampling</option>' in str(form["topic"])


def test_room_post_a_typed_title_wins_over_the_default_topic(client, member_a, room, topic):
    client.force_login(member_a)
    client.post(room_url(room), {"topic": topic.pk, "new_topic": "Indicators", "body": "First"})
    assert Message.objects.get().topic.title == "Indicators"


def test_message_times_name_the_month_and_the_zone(client, member_a, room, topic):
    MessageFactory(topic=topic, created=datetime(2026, 12, 4, 19, 14, 20, tzinfo=UTC))
    client.force_login(member_a)
    body = client.get(room_url(room)).content.decode()
    assert '<time datetime="2026-12-04T19:14:20Z">4 Dec 2026, 19:14 UTC</time>' in body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"body": "no topic"}, "Choose a topic or give a new topic a title."),
        ({"new_topic": "T", "body": ""}, "This field is required."),
        ({"new_topic": "T", "body": "x" * 10_001}, "Ensure this value has at most 10000"),
        ({"topic": "999999", "body": "x"}, "Select a valid choice."),
    ],
)
def test_room_post_bad_input_is_a_form_error(client, member_a, room, data, error):
    client.force_login(member_a)
    response = client.post(room_url(room), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert Message.objects.count() == 0


def test_room_post_rate_limited_is_a_form_error(client, member_a, room, topic):
    client.force_login(member_a)
    for n in range(services.RATE_LIMIT):
        services.message_post(room=room, author=member_a, topic=topic, body=f"m{n}")
    response = client.post(room_url(room), {"topic": topic.pk, "body": "one more"})
    assert response.status_code == 400
    assert "Slow down: at most 20 messages in 10 seconds." in response.content.decode()
    assert not Message.objects.filter(body="one more").exists()


def test_room_post_muted_person_is_refused(client, member_a, staff, room, topic):
    services.mute_user(room=room, user=member_a, by=staff, duration=timedelta(hours=1))
    client.force_login(member_a)
    response = client.post(room_url(room), {"topic": topic.pk, "body": "hello"})
    assert response.status_code == 400
    assert "You are muted in this room until" in response.content.decode()
    assert Message.objects.count() == 0


def test_room_page_pagination_links_older_messages(client, member_a, room, topic):
    messages = MessageFactory.create_batch(55, topic=topic, author=member_a)
    client.force_login(member_a)
    response = client.get(room_url(room))
    shown = response.context["page_messages"]
    assert [m.pk for m in shown] == [m.pk for m in messages[5:]]
    assert f'href="?before={messages[5].pk}"' in response.content.decode()
    older = client.get(room_url(room), {"before": messages[5].pk})
    assert [m.pk for m in older.context["page_messages"]] == [m.pk for m in messages[:5]]
    assert "Older messages" not in older.content.decode()
    fragment = client.get(room_url(room), {"before": messages[5].pk, "fragment": 1})
    assert fragment.content.decode().startswith('<div class="msg-page">')


def test_room_page_bad_before_is_ignored(client, member_a, room, topic):
    MessageFactory(topic=topic, author=member_a)
    client.force_login(member_a)
    assert len(client.get(room_url(room), {"before": "abc"}).context["page_messages"]) == 1


def test_room_page_query_count_is_constant(client, member_a, focal_b, room):
    """10 messages or 200: the same queries (session, user, room, access, messages, topics
    with counts, topic choices, read markers, site menu), on SQLite and PostgreSQL alike."""
    topics = TopicFactory.create_batch(3, room=room)
    client.force_login(member_a)
    counts = []
    for count in (10, 200):
        Message.objects.filter(topic__room=room).delete()
        for n in range(count):
            MessageFactory(topic=topics[n % 3], author=member_a if n % 2 else focal_b)
        client.get(room_url(room))  # warm the session, content types and read markers
        with CaptureQueriesContext(connection) as queries:
            response = client.get(room_url(room))
        assert response.status_code == 200
        assert len(response.context["page_messages"]) == min(count, 50)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_topic_page_shows_only_its_messages(client, member_a, room, topic):
    other = TopicFactory(room=room, title="Other")
    mine = MessageFactory(topic=topic, author=member_a, body="in welcome")
    MessageFactory(topic=other, author=member_a, body="in other")
    client.force_login(member_a)
    response = client.get(reverse("discussions:topic", args=[room.slug, topic.pk]))
    assert [m.pk for m in response.context["page_messages"]] == [mine.pk]
    assert "in other" not in response.content.decode()


def test_topic_of_another_room_is_404(client, member_a, room):
    elsewhere = TopicFactory(room=RoomFactory())
    client.force_login(member_a)
    url = reverse("discussions:topic", args=[room.slug, elsewhere.pk])
    assert client.get(url).status_code == 404


def test_message_edit_own_keeps_revision(client, member_a, room, topic):
    message = MessageFactory(topic=topic, author=member_a, body="frist")
    client.force_login(member_a)
    url = reverse("discussions:message_edit", args=[room.slug, message.pk])
    assert 'name="body"' in client.get(url).content.decode()
    response = client.post(url, {"body": "first"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.body, message.body_html) == ("first", "<p>first</p>")
    assert message.edited_at is not None
    revision = MessageRevision.objects.get()
    assert (revision.action, revision.body, revision.by) == (RevisionAction.EDIT, "frist", member_a)


def test_message_edit_records_the_language_it_is_written_in(client, member_a, room, topic):
    """Issue 19: the author corrects the recorded language; the text is not a new revision, an
    unknown language is refused with a message and changes nothing, and the room shows the
    message with its language."""
    message = MessageFactory(topic=topic, author=member_a, body="Bonjour à tous", language="en")
    client.force_login(member_a)
    url = reverse("discussions:message_edit", args=[room.slug, message.pk])
    assert '<option value="en" selected>' in client.get(url).content.decode()
    refused = client.post(url, {"body": "Bonjour à tous", "language": "xx-nowhere"})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    message.refresh_from_db()
    assert message.language == "en"
    assert client.post(url, {"body": "Bonjour à tous", "language": "fr"}).status_code == 302
    message.refresh_from_db()
    assert (message.language, message.body) == ("fr", "Bonjour à tous")
    assert MessageRevision.objects.count() == 0
    page = client.get(reverse("discussions:topic", args=[room.slug, topic.pk])).content.decode()
    assert '<div class="msg-body" lang="fr"><p>Bonjour à tous</p></div>' in page


def test_message_edit_by_someone_else_is_refused(client, member_a, focal_b, room, topic):
    message = MessageFactory(topic=topic, author=member_a, body="mine")
    client.force_login(focal_b)
    url = reverse("discussions:message_edit", args=[room.slug, message.pk])
    assert client.post(url, {"body": "theirs"}).status_code == 403
    message.refresh_from_db()
    assert message.body == "mine"
    assert MessageRevision.objects.count() == 0


def test_message_delete_asks_then_hides_from_page(client, member_a, room, topic):
    message = MessageFactory(topic=topic, author=member_a, body="oops")
    client.force_login(member_a)
    url = reverse("discussions:message_delete", args=[room.slug, message.pk])
    confirm = client.get(url).content.decode()
    assert "Delete your message?" in confirm
    Message.objects.get(pk=message.pk, deleted_at__isnull=True)
    client.post(url)
    message.refresh_from_db()
    assert message.deleted_at is not None
    assert MessageRevision.objects.get().body == "oops"
    assert "oops" not in client.get(room_url(room)).content.decode()


def test_message_hide_by_moderator(client, member_a, focal_b, room, topic):
    RoomModeratorFactory(room=room, user=focal_b)
    message = MessageFactory(topic=topic, author=member_a, body="names a child")
    client.force_login(focal_b)
    url = reverse("discussions:message_hide", args=[room.slug, message.pk])
    assert "It disappears at once for everybody" in client.get(url).content.decode()
    client.post(url, {"reason": "Personal data"})
    message.refresh_from_db()
    assert (message.hidden, message.hidden_by, message.hidden_reason) == (
        True,
        focal_b,
        "Personal data",
    )
    assert "names a child" not in client.get(room_url(room)).content.decode()


def test_message_hide_by_non_moderator_is_refused(client, member_a, focal_b, room, topic):
    message = MessageFactory(topic=topic, author=member_a)
    client.force_login(focal_b)
    url = reverse("discussions:message_hide", args=[room.slug, message.pk])
    assert client.post(url, {"reason": "no"}).status_code == 403
    message.refresh_from_db()
    assert message.hidden is False


def test_mute_by_moderator_for_a_period(client, member_a, focal_b, room):
    RoomModeratorFactory(room=room, user=focal_b)
    client.force_login(focal_b)
    url = reverse("discussions:mute", args=[room.slug, member_a.pk])
    response = client.post(url, {"duration": "1d", "reason": "Flooding"})
    assert response.status_code == 302
    mute = Mute.objects.get()
    assert (mute.user, mute.by, mute.reason) == (member_a, focal_b, "Flooding")
    assert round((mute.until - mute.created_at).total_seconds() / 3600) == 24


def test_mute_by_non_moderator_is_refused(client, member_a, focal_b, room):
    client.force_login(member_a)
    url = reverse("discussions:mute", args=[room.slug, focal_b.pk])
    assert client.post(url, {"duration": "1d"}).status_code == 403
    assert Mute.objects.count() == 0


def test_topic_lock_confirms_then_blocks_posts(client, member_a, staff, room, topic):
    client.force_login(staff)
    url = reverse("discussions:topic_lock", args=[room.slug, topic.pk])
    assert "Lock “Welcome”?" in client.get(url).content.decode()
    client.post(url)
    topic.refresh_from_db()
    assert topic.locked is True
    client.force_login(member_a)
    topic_url = reverse("discussions:topic", args=[room.slug, topic.pk])
    response = client.post(topic_url, {"body": "late"})
    assert "This topic is locked: it takes no new messages." in response.content.decode()
    assert Message.objects.count() == 0


def test_topic_lock_by_member_is_refused(client, member_a, room, topic):
    client.force_login(member_a)
    url = reverse("discussions:topic_lock", args=[room.slug, topic.pk])
    assert client.post(url).status_code == 403
    topic.refresh_from_db()
    assert topic.locked is False


def test_topic_resolve_with_decision_note_and_reopen(client, member_a, room):
    topic = services.topic_create(room=room, title="Definitions", by=member_a)
    client.force_login(member_a)
    url = reverse("discussions:topic_resolve", args=[room.slug, topic.pk])
    client.post(url, {"decision_note": "Use the Palermo Protocol definition."})
    topic.refresh_from_db()
    assert (topic.resolved, topic.resolved_by, topic.decision_note) == (
        True,
        member_a,
        "Use the Palermo Protocol definition.",
    )
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Use the Palermo Protocol definition." in page
    client.post(url, {"reopen": "1"})
    topic.refresh_from_db()
    assert topic.resolved is False


def test_topic_resolve_by_other_member_is_refused(client, member_a, focal_b, room):
    topic = services.topic_create(room=room, title="Definitions", by=member_a)
    client.force_login(focal_b)
    client.post(reverse("discussions:topic_resolve", args=[room.slug, topic.pk]))
    topic.refresh_from_db()
    assert topic.resolved is False


def test_topic_follow_and_unfollow(client, focal_b, room, topic):
    client.force_login(focal_b)
    url = reverse("discussions:topic_follow", args=[room.slug, topic.pk])
    client.post(url, {"follow": "1"})
    assert list(topic.follows.values_list("user", flat=True)) == [focal_b.pk]
    client.post(url, {"follow": "0"})
    assert topic.follows.count() == 0


def test_room_create_by_staff(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("discussions:room_create"),
        {"title": "Working group on indicators", "visibility": "network", "description": ""},
    )
    room = Room.objects.get()
    assert response["Location"] == "/discussions/working-group-on-indicators/"
    assert (room.created_by, room.content_type) == (staff, None)


def test_room_create_by_member_is_refused(client, member_a):
    client.force_login(member_a)
    assert client.post(reverse("discussions:room_create"), {"title": "x"}).status_code == 403
    assert Room.objects.count() == 0


def test_notifications_page_lists_mentions_and_marks_read(client, member_a, focal_b, room, topic):
    services.message_post(room=room, author=focal_b, topic=topic, body=f"@{member_a.name} look")
    client.force_login(member_a)
    response = client.get(reverse("discussions:notifications"))
    assert f"<strong>{focal_b.name}</strong>\n    mentioned you" in response.content.decode()
    client.post(reverse("discussions:notifications"))
    assert member_a.discussion_notices.filter(read_at__isnull=True).count() == 0


def test_wagtail_admin_lists_rooms_for_staff(client, staff, room):
    client.force_login(staff)
    response = client.get("/admin/discussion_rooms/")
    assert response.status_code == 200
    assert "Data gaps" in response.content.decode()


def test_wagtail_admin_rooms_refused_to_members(client, member_a, room):
    client.force_login(member_a)
    assert client.get("/admin/discussion_rooms/").status_code == 302


def test_room_list_query_count_is_constant(client, member_a, focal_b):
    def add_rooms(start, stop):
        for n in range(start, stop):
            topic = TopicFactory(room=RoomFactory(title=f"Room {n:03}"))
            MessageFactory(topic=topic, author=focal_b)

    def measure(expected_rooms):
        client.get(reverse("discussions:index"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("discussions:index"))
        assert len(response.context["rooms"]) == expected_rooms
        assert all(room.unread == 1 for room in response.context["rooms"])
        return len(queries)

    client.force_login(member_a)
    add_rooms(0, 2)
    few = measure(2)
    add_rooms(2, 40)
    assert measure(30) == few


def test_notifications_query_count_is_constant(client, member_a, focal_b, room, topic):
    """Few or many notifications, the same queries (an exact figure depends on what earlier
    requests left in the caches, so few and many are compared)."""

    def measure(total):
        for n in range(Notification.objects.filter(user=member_a).count(), total):
            message = MessageFactory(topic=topic, author=focal_b, body=f"@{member_a.name} {n}")
            Notification.objects.create(user=member_a, message=message, kind="mention")
        client.get(reverse("discussions:notifications"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("discussions:notifications"))
        assert len(response.context["notices"]) == min(total, 30)
        return len(queries)

    client.force_login(member_a)
    few = measure(2)
    assert few <= QUERIES_NOTIFICATIONS
    assert measure(40) == few


def test_message_history_shows_moderators_every_version(client, member_a, staff, room, topic):
    message = services.message_post(room=room, author=member_a, topic=topic, body="v1 <b>")
    services.message_edit(message=message, by=member_a, body="v2")
    services.message_delete(message=message, by=member_a)
    client.force_login(staff)
    page = client.get(reverse("discussions:message_history", args=[room.slug, message.pk]))
    text = page.content.decode()
    assert "<pre>v1 &lt;b&gt;</pre>" in text
    assert "<pre>v2</pre>" in text
    assert [r.get_action_display() for r in page.context["revisions"]] == ["Edited", "Deleted"]


def test_message_history_refused_to_author(client, member_a, room, topic):
    message = services.message_post(room=room, author=member_a, topic=topic, body="v1")
    services.message_edit(message=message, by=member_a, body="v2")
    client.force_login(member_a)
    url = reverse("discussions:message_history", args=[room.slug, message.pk])
    assert client.get(url).status_code == 403
