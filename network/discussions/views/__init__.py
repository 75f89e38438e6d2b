"""Views of rooms, topics and messages, in modules by subject; urls.py names them here."""

from .common import ROOMS_PER_PAGE
from .moderation import (
    message_delete,
    message_edit,
    message_hide,
    message_history,
    topic_follow,
    topic_lock,
    topic_move,
    topic_resolve,
)
from .reports import message_report, report_detail, report_list
from .rooms import (
    notifications,
    open_network_room,
    room_create,
    room_detail,
    room_list,
    room_mute,
    topic_detail,
)

__all__ = [
    "ROOMS_PER_PAGE",
    "message_delete",
    "message_edit",
    "message_hide",
    "message_history",
    "message_report",
    "notifications",
    "open_network_room",
    "report_detail",
    "report_list",
    "room_create",
    "room_detail",
    "room_list",
    "room_mute",
    "topic_detail",
    "topic_follow",
    "topic_lock",
    "topic_move",
    "topic_resolve",
]
