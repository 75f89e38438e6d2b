"""What the discussion views share: finding a room, topic or message the person may see, and
running a service."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from ..models import Message, Room, Topic

ROOMS_PER_PAGE = 30


def _room(request, slug):
    """The room, or 404 for anybody who may not see it: restricted stays invisible."""
    room = Room.objects.filter(slug=slug).first()
    if room is None or not request.user.has_perm("discussions.view_room", room):
        raise Http404(gettext("No such room."))
    return room


def _topic(room, topic_id):
    return get_object_or_404(Topic.objects.select_related("room"), room=room, pk=topic_id)


def _message(room, message_id):
    return get_object_or_404(
        Message.objects.select_related("author", "topic", "room"),
        room=room,
        pk=message_id,
        hidden=False,
        deleted_at__isnull=True,
    )


def _in_topic(message):
    """Where the message stands on its topic's page."""
    return f"{message.topic.get_absolute_url()}#m{message.pk}"


def _confirm_page(request, room, *, status=200, **context):
    """The page that asks before an action on a topic or a message: its `heading`, `text`,
    `button` and `cancel` link, a `form` or a `quote` of the message when there is one."""
    return render(request, "discussions/confirm.html", {"room": room, **context}, status=status)


def _before(request):
    try:
        return max(int(request.GET.get("before", "")), 0) or None
    except ValueError:
        return None
