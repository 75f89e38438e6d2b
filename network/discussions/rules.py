"""Who may see, post in and moderate a room. The only place that decides it."""

import rules
from django.utils import timezone

from members.rules import is_network_member, is_staff

from . import group_access
from .enums import RoomVisibility


def _room_of(obj):
    """Rules take a room, a topic or a message; all answer for the room they live in."""
    if obj is None:
        return None
    return getattr(obj, "room", obj)


def _on_the_rooms(people, name):
    """A predicate: the person is on the room's list of `people` (members or moderators)."""

    def test(user, obj):
        room = _room_of(obj)
        if room is None or not user.is_authenticated:
            return False
        return getattr(room, people).filter(user=user).exists()

    return rules.predicate(test, name=name)


is_room_moderator = _on_the_rooms("moderators", "is_room_moderator")
is_room_member = _on_the_rooms("members", "is_room_member")


@rules.predicate
def room_is_for_network(user, obj):
    room = _room_of(obj)
    return room is not None and room.visibility == RoomVisibility.NETWORK


@rules.predicate
def room_is_open(user, obj):
    room = _room_of(obj)
    return room is not None and not room.is_archived


@rules.predicate
def is_muted(user, obj):
    room = _room_of(obj)
    if room is None or not user.is_authenticated:
        return False
    return room.mutes.filter(user=user, until__gt=timezone.now()).exists()


@rules.predicate
def is_author(user, message):
    return message is not None and user.is_authenticated and message.author_id == user.pk


@rules.predicate
def is_group_convener(user, obj):
    """Speaks for a convener of the working group given, or of the one the room (topic,
    message) belongs to (the groups app answers, through group_access)."""
    room = _room_of(obj)
    if room is None:
        return False
    group_id = room.working_group_id if hasattr(room, "working_group_id") else room.pk
    if group_id is None or not user.is_authenticated:
        return False
    return group_access.convenes(user, group_id)


@rules.predicate
def is_group_member(user, obj):
    room = _room_of(obj)
    group_id = getattr(room, "working_group_id", None)
    if group_id is None or not user.is_authenticated:
        return False
    return group_access.takes_part(user, group_id)


@rules.predicate
def convenes_a_group(user):
    return user.is_authenticated and group_access.convenes(user)


can_moderate = is_staff | is_room_moderator | is_group_convener
can_view = rules.is_authenticated & (
    can_moderate | (room_is_for_network & is_network_member) | is_room_member | is_group_member
)

rules.add_perm("discussions.view_room", can_view)
# The secretariat sees and moderates every room (selectors.rooms_visible_to, rooms_moderated_by).
rules.add_perm("discussions.view_every_room", is_staff)
rules.add_perm("discussions.open_room_for_any_group", is_staff)
rules.add_perm("discussions.post_in_room", can_view & room_is_open & ~is_muted)
rules.add_perm("discussions.moderate_room", rules.is_authenticated & can_moderate)
# Free-standing rooms: staff open any; conveners open rooms for their own working groups.
rules.add_perm("discussions.add_room", is_staff | convenes_a_group)
rules.add_perm(
    "discussions.add_group_room", rules.is_authenticated & (is_staff | is_group_convener)
)
# Opening the network-wide room of a priority or a gap.
rules.add_perm("discussions.open_network_room", is_network_member | is_staff)
rules.add_perm("discussions.change_message", is_author & can_view & room_is_open)
rules.add_perm("discussions.delete_message", is_author & can_view)


@rules.predicate
def wrote_reported_message(user, report):
    return report is not None and user.is_authenticated and report.message.author_id == user.pk


# Anybody who reads a message may report it, but not their own.
rules.add_perm("discussions.report_message", can_view & ~is_author)


@rules.predicate
def moderates_a_room(user):
    from .models import RoomModerator

    return user.is_authenticated and RoomModerator.objects.filter(user=user).exists()


# The moderation page: for whoever moderates a room (staff moderate them all).
rules.add_perm(
    "discussions.view_reports",
    rules.is_authenticated & (is_staff | moderates_a_room | convenes_a_group),
)
# A report goes to the room's moderators (the secretariat too); a moderator whose own message
# is reported leaves it to the others, so that the reported person never learns who reported.
rules.add_perm(
    "discussions.handle_report",
    rules.is_authenticated & (is_staff | (can_moderate & ~wrote_reported_message)),
)


@rules.predicate
def started_topic(user, topic):
    return topic is not None and user.is_authenticated and topic.created_by_id == user.pk


rules.add_perm(
    "discussions.resolve_topic", can_view & room_is_open & (can_moderate | started_topic)
)
