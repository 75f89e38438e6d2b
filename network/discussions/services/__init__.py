"""Every write to rooms, topics and messages, in modules by subject; the public names are here.
Broadcasts go out through events.py on commit."""

from .common import MAX_MENTIONS, MENTION_RE, RATE_LIMIT, RATE_WINDOW, RESERVED_SLUGS
from .messages import (
    message_delete,
    message_edit,
    message_hide,
    message_post,
    notifications_mark_read,
    reports_resolve,
)
from .reports import message_report_create, message_report_resolve
from .rooms import (
    mute_user,
    room_create,
    room_for_target,
    room_member_add,
    room_member_remove,
    room_moderator_add,
    room_moderator_remove,
    room_target_deleted,
    room_update,
)
from .topics import (
    room_mark_read,
    topic_create,
    topic_follow,
    topic_lock,
    topic_move,
    topic_reopen,
    topic_resolve,
    widens_audience,
)

__all__ = [
    "MAX_MENTIONS",
    "MENTION_RE",
    "RATE_LIMIT",
    "RATE_WINDOW",
    "RESERVED_SLUGS",
    "message_delete",
    "message_edit",
    "message_hide",
    "message_post",
    "message_report_create",
    "message_report_resolve",
    "mute_user",
    "notifications_mark_read",
    "reports_resolve",
    "room_create",
    "room_for_target",
    "room_mark_read",
    "room_member_add",
    "room_member_remove",
    "room_moderator_add",
    "room_moderator_remove",
    "room_target_deleted",
    "room_update",
    "topic_create",
    "topic_follow",
    "topic_lock",
    "topic_move",
    "topic_reopen",
    "topic_resolve",
    "widens_audience",
]
