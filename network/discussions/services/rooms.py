"""Rooms, who is in them, and who is muted there."""

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from members.models import User
from network.platform.services import check_fields, check_slug, service_save, unique_slug

from .. import events, selectors
from ..enums import RoomVisibility
from ..models import (
    Mute,
    Room,
    RoomMember,
    RoomModerator,
)
from .common import (
    RESERVED_SLUGS,
    _require,
)

# Rooms and who is in them.


@transaction.atomic
def room_create(
    *,
    title: str,
    by: User | None,
    visibility: str = RoomVisibility.NETWORK,
    target=None,
    slug: str = "",
    description: str = "",
    working_group=None,
    is_archived: bool = False,
) -> Room:
    """Create a room, free-standing or attached to `target` (any model instance), optionally
    for a working group (whose conveners moderate it and, if restricted, whose members see it).

    Permission is the caller's for plain rooms: views check discussions.add_room, the Wagtail
    admin its model permission; other apps' services create the rooms of their own objects. A
    group's room needs a convener of the group (or staff). Side effects: records who opened it.
    """
    _check_group(by, working_group)
    if slug:
        check_slug(slug, reserved=RESERVED_SLUGS)
    room = Room(
        title=title.strip(),
        slug=slug
        or unique_slug(title, queryset=Room.objects, fallback="room", reserved=RESERVED_SLUGS),
        visibility=visibility,
        description=description,
        created_by=by,
        working_group=working_group,
        is_archived=is_archived,
    )
    if target is not None:
        room.content_type = ContentType.objects.get_for_model(target)
        room.object_id = target.pk
    return service_save(room)


def _check_group(by, working_group):
    if working_group is not None and by is not None:
        _require(
            by,
            "discussions.add_group_room",
            working_group,
            gettext("Only its conveners open rooms here."),
        )


ROOM_FIELDS = {"title", "slug", "description", "visibility", "working_group", "is_archived"}


@transaction.atomic
def room_update(*, room: Room, by: User, **fields) -> Room:
    """Change a room's title, slug, description, visibility, working group or archiving.

    Permission is the caller's (the Wagtail admin's model permission); moving the room into a
    working group needs a convener of that group (or staff), as opening one there does.
    Side effects: after commit, every socket in the room re-checks access (the room_saved
    receiver), so that a room made restricted or archived stops serving those it excludes.
    """
    check_fields(fields, allowed=ROOM_FIELDS)
    room = Room.objects.select_for_update().get(pk=room.pk)
    if fields.get("slug", room.slug) != room.slug:
        check_slug(fields["slug"], reserved=RESERVED_SLUGS)
    group = fields.get("working_group", room.working_group)
    if group is not None and group.pk != room.working_group_id:
        _check_group(by, group)
    for name, value in fields.items():
        setattr(room, name, value.strip() if isinstance(value, str) else value)
    return service_save(room)


@transaction.atomic
def room_for_target(
    *,
    target,
    title: str,
    by: User,
    visibility: str = RoomVisibility.NETWORK,
    members=(),
    moderators=(),
) -> Room:
    """The room attached to `target` (a project, priority, gap…), created on first use.

    Permission is the caller's: the owning app decides who may discuss its object. Side
    effects: `members` may see a restricted room and `moderators` moderate it (idempotent).
    """
    room = selectors.room_for(target) or room_create(
        title=title, by=by, visibility=visibility, target=target
    )
    for user in members:
        room_member_add(room=room, user=user)
    for user in moderators:
        room_moderator_add(room=room, user=user)
    return room


@transaction.atomic
def room_target_deleted(*, target) -> Room | None:
    """The object a room is attached to is being deleted: its room is archived and let go.

    Archived, it takes no new messages and stays readable by exactly those who could read it
    (its visibility, members and moderators are left as they are: nobody gains sight of its
    messages). Let go, it no longer answers for an id that a restored object may take again
    (a page revision brings its sessions back with their old ids): that object opens a room of
    its own instead of inheriting this one. Returns the room, or None if there was none.

    Side effects: after commit, the sockets in the room re-check (room_saved).
    """
    room = (
        Room.objects.select_for_update()
        .filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
        .first()
    )
    if room is None:
        return None
    room.is_archived = True
    room.content_type, room.object_id = None, None
    return service_save(room)


@transaction.atomic
def room_member_add(*, room: Room, user: User) -> RoomMember:
    """Let `user` see a restricted room. Idempotent. Side effects: none."""
    member, _ = RoomMember.objects.get_or_create(room=room, user=user)
    return member


@transaction.atomic
def room_member_remove(*, room: Room, user: User) -> None:
    """Take `user` off the room's list.

    Side effects: after commit, every socket of that person in this room re-checks access and
    closes (4403) if it is gone.
    """
    RoomMember.objects.filter(room=room, user=user).delete()
    events.access_changed_on_commit([user.pk])


@transaction.atomic
def room_moderator_add(*, room: Room, user: User) -> RoomModerator:
    moderator, _ = RoomModerator.objects.get_or_create(room=room, user=user)
    return moderator


@transaction.atomic
def room_moderator_remove(*, room: Room, user: User) -> None:
    """Side effects: after commit, that person's sockets re-check access (see member_remove)."""
    RoomModerator.objects.filter(room=room, user=user).delete()
    events.access_changed_on_commit([user.pk])


@transaction.atomic
def mute_user(
    *,
    room: Room,
    user: User,
    by: User,
    until: datetime | None = None,
    duration: timedelta | None = None,
    reason: str = "",
) -> Mute:
    """Stop `user` posting in `room` until a time (or for a duration). Side effects: none."""
    _require(by, "discussions.moderate_room", room)
    if user.pk == by.pk:
        raise ValidationError(gettext("You cannot mute yourself."))
    if until is None:
        if duration is None:
            raise ValidationError(gettext("Say how long the mute lasts."))
        until = timezone.now() + duration
    if until <= timezone.now():
        raise ValidationError(gettext("A mute must end in the future."))
    return service_save(Mute(room=room, user=user, until=until, by=by, reason=reason.strip()))
