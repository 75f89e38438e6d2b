"""Moving a topic between rooms: moderators of both rooms only; widening the audience needs
an explicit confirmation; follows, notifications and unread counts follow the visibility."""

import pytest
from django.core.exceptions import PermissionDenied

from network.discussions import selectors, services
from network.discussions.enums import RoomVisibility
from network.discussions.models import Message, Notification, TopicFollow
from tests.factories.discussions import (
    MessageFactory,
    RoomFactory,
    RoomMemberFactory,
    RoomModeratorFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rooms(focal_a, member_a, plain_user):
    team = RoomFactory(title="Team", slug="team", visibility=RoomVisibility.RESTRICTED)
    board = RoomFactory(title="Board", slug="board", visibility=RoomVisibility.RESTRICTED)
    network = RoomFactory(title="Everyone", slug="everyone")
    RoomFactory(title="Not mine", slug="not-mine")
    for room in (team, board, network):
        RoomModeratorFactory(room=room, user=focal_a)
    for person in (member_a, plain_user):
        RoomMemberFactory(room=team, user=person)
    RoomMemberFactory(room=board, user=member_a)
    return team, board, network


def unread(user, slug):
    return {room.slug: room.unread for room in selectors.room_list(user=user)}.get(slug)


def test_moving_into_a_wider_room_needs_confirmation(
    client, rooms, focal_a, member_a, plain_user, focal_b
):
    team, _, network = rooms
    topic = TopicFactory(room=team, title="Budget")
    messages = [MessageFactory(topic=topic, author=focal_a, body=f"m{n}") for n in range(3)]
    for person in (member_a, plain_user):
        services.topic_follow(topic=topic, user=person)
        Notification.objects.create(user=person, message=messages[0], kind="follow")
    assert unread(member_a, "team") == 3

    client.force_login(focal_a)
    form = client.get(f"/discussions/team/t/{topic.pk}/move/").content.decode()
    assert ">Board<" in form and ">Everyone<" in form
    assert ">Not mine<" not in form and ">Team<" not in form
    url = f"/discussions/team/t/{topic.pk}/move/"
    response = client.post(url, {"to_room": network.pk})
    assert response.status_code == 400
    assert "people who cannot read this topic now would read it in “Everyone”" in (
        response.content.decode()
    )
    topic.refresh_from_db()
    assert topic.room == team
    assert client.get(f"/discussions/everyone/t/{topic.pk}/").status_code == 404

    response = client.post(url, {"to_room": network.pk, "confirm_wider": "on"})
    assert response["Location"] == f"/discussions/everyone/t/{topic.pk}/"
    topic.refresh_from_db()
    assert topic.room == network
    assert set(Message.objects.filter(topic=topic).values_list("room", flat=True)) == {network.pk}
    # plain_user belongs to no member organization: no longer sees it, follows or is notified.
    assert list(TopicFollow.objects.filter(topic=topic).values_list("user", flat=True)) == [
        member_a.pk
    ]
    assert list(Notification.objects.values_list("user", flat=True)) == [member_a.pk]
    assert (unread(member_a, "team"), unread(member_a, "everyone")) == (0, 3)
    client.force_login(focal_b)
    assert "m2" in client.get(f"/discussions/everyone/t/{topic.pk}/").content.decode()
    assert client.get(f"/discussions/team/t/{topic.pk}/").status_code == 404


def test_moving_into_a_narrower_room_needs_no_confirmation(client, rooms, focal_a):
    team, board, _ = rooms
    topic = TopicFactory(room=team, title="Budget")
    TopicFactory(room=board, title="budget")  # the same title, another case
    client.force_login(focal_a)
    url = f"/discussions/team/t/{topic.pk}/move/"
    response = client.post(url, {"to_room": board.pk})
    assert "“Board” already has a topic called “Budget”." in response.content.decode()
    board.topics.all().delete()
    assert client.post(url, {"to_room": board.pk}).status_code == 302
    topic.refresh_from_db()
    assert topic.room == board


def test_only_moderators_of_both_rooms_move_topics(client, rooms, focal_a, member_a):
    team, _, _ = rooms
    topic = TopicFactory(room=team, title="Budget")
    client.force_login(member_a)  # sees the room, moderates nothing
    assert client.get(f"/discussions/team/t/{topic.pk}/move/").status_code == 403
    assert client.post(f"/discussions/team/t/{topic.pk}/move/", {"to_room": 1}).status_code == 403
    client.force_login(focal_a)
    not_mine = RoomFactory(title="Elsewhere", slug="elsewhere")
    response = client.post(f"/discussions/team/t/{topic.pk}/move/", {"to_room": not_mine.pk})
    assert "Select a valid choice" in response.content.decode()
    topic.refresh_from_db()
    assert topic.room == team
    # The service refuses too, whatever calls it.
    with pytest.raises(PermissionDenied):
        services.topic_move(topic=topic, to_room=not_mine, by=focal_a)
