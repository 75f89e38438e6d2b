"""Shared reads for rooms, topics and messages, with visibility applied in one place."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from members.enums import OrganizationStatus
from members.models import User
from members.rules import is_network_member
from network.platform.queries import row_count

from . import group_access
from .enums import NotificationKind, ReportReason, ReportStatus, RoomVisibility
from .models import (
    Message,
    MessageReport,
    Notification,
    ReadMarker,
    Room,
    RoomMember,
    RoomModerator,
    Topic,
)

PAGE_SIZE = 50


def rooms_visible_to(user):
    """Rooms the user may see (the same answer as the view_room rule), by title."""
    if not user.is_authenticated:
        return Room.objects.none()
    rooms = Room.objects.all()
    if user.has_perm("discussions.view_every_room"):
        return rooms
    allowed = (
        Q(Exists(RoomMember.objects.filter(room=OuterRef("pk"), user=user)))
        | Q(Exists(RoomModerator.objects.filter(room=OuterRef("pk"), user=user)))
        | Q(working_group__in=group_access.groups_of(user))
        | Q(working_group__in=group_access.groups_convened_by(user))
    )
    if is_network_member(user):
        allowed |= Q(visibility=RoomVisibility.NETWORK)
    return rooms.filter(allowed)


def rooms_moderated_by(user, *, archived=False):
    """Open rooms (archived ones too with `archived`) the user moderates (the same answer as
    the moderate_room rule), by title."""
    if not user.is_authenticated:
        return Room.objects.none()
    rooms = Room.objects.all() if archived else Room.objects.filter(is_archived=False)
    if user.has_perm("discussions.view_every_room"):
        return rooms
    return rooms.filter(
        Q(Exists(RoomModerator.objects.filter(room=OuterRef("pk"), user=user)))
        | Q(working_group__in=group_access.groups_convened_by(user))
    )


def visible_messages():
    return Message.objects.filter(hidden=False, deleted_at__isnull=True)


def _unread_in(user, **where):
    """An annotation: how many of others' visible messages in `where` (a room or a topic, by
    OuterRef) are past the user's read marker in their topic."""
    marker = ReadMarker.objects.filter(user=user, topic=OuterRef("topic_id")).values(
        "last_read_message_id"
    )[:1]
    return row_count(
        visible_messages()
        .filter(**where)
        .exclude(author=user)
        .annotate(seen=Coalesce(Subquery(marker), Value(0), output_field=IntegerField()))
        .filter(pk__gt=F("seen"))
    )


def room_list(*, user):
    """Visible rooms with each one's unread count for the user, open rooms first."""
    return (
        rooms_visible_to(user)
        .select_related("working_group")
        .annotate(
            unread=_unread_in(user, room=OuterRef("pk")),
            topic_count=row_count(Topic.objects.filter(room=OuterRef("pk"))),
        )
        .order_by("is_archived", "title")
    )


def topic_list(*, room, user):
    """The room's topics, latest activity first, with message and unread counts."""
    return (
        Topic.objects.filter(room=room)
        .select_related("room")
        .annotate(
            message_count=Count(
                "messages", filter=Q(messages__hidden=False, messages__deleted_at__isnull=True)
            ),
            unread=_unread_in(user, topic=OuterRef("pk")),
        )
        .order_by("resolved", "-last_message_at", "-pk")
    )


def message_page(*, room, topic=None, before=None, limit=PAGE_SIZE):
    """Up to `limit` visible messages before message id `before`, oldest first, and whether
    older ones exist."""
    messages = visible_messages().filter(room=room).select_related("author", "topic")
    if topic is not None:
        messages = messages.filter(topic=topic)
    if before:
        messages = messages.filter(pk__lt=before)
    page = list(messages.order_by("-pk")[: limit + 1])
    has_older = len(page) > limit
    return list(reversed(page[:limit])), has_older


def messages_since(*, room, after_id, limit=200):
    """Visible messages after `after_id`, in order: what a reconnecting client missed."""
    return list(
        visible_messages()
        .filter(room=room, pk__gt=after_id)
        .select_related("author", "topic")
        .order_by("pk")[:limit]
    )


def people_who_can_view(room):
    """Active people who pass the view_room rule for this room, as one queryset."""
    allowed = Q(is_staff=True) | Q(pk__in=RoomModerator.objects.filter(room=room).values("user_id"))
    if room.visibility == RoomVisibility.NETWORK:
        allowed |= Q(memberships__organization__status=OrganizationStatus.MEMBER)
    else:
        allowed |= Q(pk__in=RoomMember.objects.filter(room=room).values("user_id"))
    if room.working_group_id is not None:
        allowed |= group_access.people_of(room.working_group_id)
    return User.objects.filter(allowed, is_active=True).distinct()


def room_for(target):
    """The room attached to an object (project, event, priority…), or None."""
    content_type = ContentType.objects.get_for_model(target)
    return Room.objects.filter(content_type=content_type, object_id=target.pk).first()


def rooms_for(targets):
    """The rooms attached to some objects of one model (an event's sessions…), by object id."""
    targets = list(targets)
    if not targets:
        return {}
    content_type = ContentType.objects.get_for_model(targets[0])
    rooms = Room.objects.filter(
        content_type=content_type, object_id__in=[target.pk for target in targets]
    )
    return {room.object_id: room for room in rooms}


def notifications_for(*, user):
    """The user's notifications in rooms they may still see: one whose room they have left
    keeps its row but is shown nowhere."""
    return Notification.objects.filter(
        user=user,
        message__hidden=False,
        message__deleted_at__isnull=True,
        message__room__in=rooms_visible_to(user),
    ).select_related("message__author", "message__topic__room", "message__room")


def unread_notification_count(*, user):
    return notifications_for(user=user).filter(read_at__isnull=True).count()


def followed_topics_unread(*, user):
    """Topics the user follows, in rooms they may still see, with unread messages; each with
    its `unread` count, latest activity first. For the email digest (network.digests)."""
    return (
        Topic.objects.filter(follows__user=user, room__in=rooms_visible_to(user))
        .select_related("room")
        .annotate(unread=_unread_in(user, topic=OuterRef("pk")))
        .filter(unread__gt=0)
        .order_by("-last_message_at", "-pk")
    )


def pending_mentions(*, user):
    """Mentions of the user neither read nor emailed yet, in rooms they may still see."""
    return (
        Notification.objects.filter(
            user=user,
            kind=NotificationKind.MENTION,
            read_at__isnull=True,
            emailed_at__isnull=True,
            message__hidden=False,
            message__deleted_at__isnull=True,
            message__room__in=rooms_visible_to(user),
        )
        .select_related("message__author", "message__room", "message__topic")
        .order_by("pk")
    )


def open_reports(*, user):
    """The open reports the user may handle (the handle_report rule): in the rooms they
    moderate, archived ones included, and never of their own messages unless they are staff.
    Personal data of trafficked persons first, then the oldest; one query."""
    if not user.is_authenticated:
        return MessageReport.objects.none()
    reports = MessageReport.objects.filter(
        status=ReportStatus.OPEN,
        message__room__in=rooms_moderated_by(user, archived=True).order_by().values("pk"),
    )
    if not user.has_perm("discussions.view_every_room"):
        reports = reports.exclude(message__author=user)
    return reports.select_related(
        "message__room", "message__topic", "message__author", "reporter"
    ).order_by(
        Case(When(reason=ReportReason.PERSONAL_DATA, then=Value(0)), default=Value(1)),
        "created_at",
        "pk",
    )


def reports_of(message):
    """Every report of a message, the oldest first, for the moderator deciding on it."""
    return message.reports.select_related("reporter", "resolved_by").order_by("created_at", "pk")


def people_to_tell_of_report(message):
    """The room's moderators who may read the message and handle a report of it: never its
    author. One queryset."""
    return (
        people_who_can_view(message.room)
        .filter(pk__in=RoomModerator.objects.filter(room=message.room_id).values("user_id"))
        .exclude(pk=message.author_id)
    )


def excerpt(text, length=200):
    """A message's text on one line, cut at `length` characters."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def desk_items(*, user, organizations):
    """For the desk: the open reports the person may handle, addressed to them. One query."""
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    return [
        DeskItem(
            organization=None,
            kind=_("Reported message"),
            title=f"{report.message.room.title}: {report.message.topic.title}",
            reason=_("Reported as “%(reason)s”: %(excerpt)s")
            % {"reason": report.get_reason_display(), "excerpt": excerpt(report.message.body, 80)},
            url=report.get_absolute_url(),
        )
        for report in open_reports(user=user)
    ]


def desk_done(*, user, organizations, since):
    """For "done recently": the reports the person resolved since `since`. One query."""
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    reports = MessageReport.objects.filter(resolved_by=user, resolved_at__gte=since)
    return [
        DeskItem(
            organization=None,
            kind=_("Reported message"),
            title=f"{report.message.room.title}: {report.message.topic.title}",
            reason=str(report.get_status_display()),
            url=report.get_absolute_url(),
            done_at=report.resolved_at,
        )
        for report in reports.select_related("message__room", "message__topic")
    ]


def dashboard_rows():
    """For the secretariat's dashboard: the open reports, personal data first, then the
    oldest; the first PANEL_ROWS of them. One query."""
    from django.utils.timesince import timesince
    from django.utils.translation import gettext as _

    from network.desk.panels import PANEL_ROWS, PanelRow

    reports = (
        MessageReport.objects.filter(status=ReportStatus.OPEN)
        .select_related("message__room")
        .order_by(
            Case(When(reason=ReportReason.PERSONAL_DATA, then=Value(0)), default=Value(1)),
            "created_at",
            "pk",
        )[:PANEL_ROWS]
    )
    return [
        PanelRow(
            title=f"{report.message.room.title}: {excerpt(report.message.body, 80)}",
            detail=_("%(reason)s, reported %(age)s ago")
            % {"reason": report.get_reason_display(), "age": timesince(report.created_at)},
            url=report.get_absolute_url(),
        )
        for report in reports
    ]
