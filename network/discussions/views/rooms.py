"""Rooms: the list, a new room, a room and a topic page with the composer, muting, notifications,
and the network room of an instrument."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from members.models import User
from network.platform.messages import error_messages
from network.platform.views import RAISE, TELL, form_saved, require_perm, run_service

from .. import group_access, presence, selectors, services
from ..forms import (
    MessageForm,
    MuteForm,
    ResolveForm,
    RoomForm,
)
from ..models import TopicFollow
from .common import (
    ROOMS_PER_PAGE,
    _before,
    _confirm_page,
    _room,
    _topic,
)


@login_required
def room_list(request):
    paginator = Paginator(selectors.room_list(user=request.user), ROOMS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "discussions/room_list.html",
        {
            "page": page,
            "rooms": page.object_list,
            "can_add": request.user.has_perm("discussions.add_room"),
            "notification_count": selectors.unread_notification_count(user=request.user),
        },
    )


@login_required
def room_create(request):
    require_perm(request, "discussions.add_room")
    group = group_access.all_groups().filter(slug=request.GET.get("group", "")).first()
    form = RoomForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"working_group": group},
    )
    opened = form_saved(
        request,
        form,
        services.room_create,
        success=lambda room: gettext("The room “%(room)s” is open.") % {"room": room.title},
        on_denied=TELL,
    )
    if opened:
        return redirect(opened.result)
    return render(request, "discussions/room_form.html", {"form": form})


def _blank_form(room, topic=None):
    # A fresh client_id per rendered form: submitting the same form twice posts once.
    return MessageForm(room=room, topic=topic, initial={"client_id": uuid.uuid4()})


def _post(request, room, topic=None):
    """Handle the plain-form post; returns (form, redirect or None)."""
    form = MessageForm(request.POST, room=room, topic=topic)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        message = services.message_post(
            room=room,
            author=request.user,
            body=data["body"],
            topic=topic or data.get("topic"),
            topic_title=data.get("new_topic", ""),
            client_id=data.get("client_id"),
            language=data.get("language") or "",
        )
    except PermissionDenied as error:
        form.add_error(None, str(error) or gettext("You may not post in this room."))
        return form, None
    except ValidationError as error:
        form.add_error(None, error_messages(error))
        return form, None
    url = topic.get_absolute_url() if topic else room.get_absolute_url()
    return form, redirect(f"{url}#m{message.pk}")


def _page_context(request, room, topic=None):
    before = _before(request)
    page, has_older = selectors.message_page(room=room, topic=topic, before=before)
    return {
        "room": room,
        "topic": topic,
        "page_messages": page,
        "has_older": has_older,
        "oldest_id": page[0].pk if page else None,
        "newest_id": page[-1].pk if page else 0,
        "is_moderator": request.user.has_perm("discussions.moderate_room", room),
        "before": before,
    }


@login_required
def room_detail(request, slug):
    room = _room(request, slug)
    form = None
    if request.method == "POST":
        form, done = _post(request, room)
        if done:
            return done
    context = _page_context(request, room)
    if request.GET.get("fragment"):
        return render(request, "discussions/includes/messages.html", context)
    can_post = request.user.has_perm("discussions.post_in_room", room)
    context.update(
        topics=selectors.topic_list(room=room, user=request.user),
        form=form or _blank_form(room),
        can_post=can_post,
        present=presence.present(room.pk),
    )
    response = render(request, "discussions/room_detail.html", context, status=400 if form else 200)
    if context["before"] is None:
        services.room_mark_read(room=room, user=request.user)
    return response


@login_required
def topic_detail(request, slug, topic_id):
    room = _room(request, slug)
    topic = _topic(room, topic_id)
    form = None
    if request.method == "POST":
        form, done = _post(request, room, topic)
        if done:
            return done
    context = _page_context(request, room, topic)
    if request.GET.get("fragment"):
        return render(request, "discussions/includes/messages.html", context)
    context.update(
        form=form or _blank_form(room, topic),
        can_post=request.user.has_perm("discussions.post_in_room", room) and not topic.locked,
        can_resolve=request.user.has_perm("discussions.resolve_topic", topic),
        resolve_form=ResolveForm(initial={"decision_note": topic.decision_note}),
        following=TopicFollow.objects.filter(topic=topic, user=request.user).exists(),
        present=presence.present(room.pk),
    )
    response = render(
        request, "discussions/topic_detail.html", context, status=400 if form else 200
    )
    if context["before"] is None:
        services.room_mark_read(room=room, user=request.user, topic=topic)
    return response


@login_required
def room_mute(request, slug, user_id):
    room = _room(request, slug)
    require_perm(request, "discussions.moderate_room", room)
    person = get_object_or_404(User, pk=user_id)
    form = MuteForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.mute_user,
            success=gettext("%(name)s cannot post in this room for %(duration)s.")
            % {"name": person.name, "duration": form.label},
            on_denied=RAISE,
            room=room,
            user=person,
            by=request.user,
            duration=form.delta,
            reason=form.cleaned_data["reason"],
        )
    ):
        return redirect(room)
    return _confirm_page(
        request,
        room,
        heading=gettext("Mute %(name)s in %(room)s?") % {"name": person.name, "room": room.title},
        text=gettext("They can still read the room but cannot post until the mute ends."),
        form=form,
        button=gettext("Mute"),
        danger=True,
        cancel=room.get_absolute_url(),
    )


@login_required
def notifications(request):
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        messages.success(request, gettext("All notifications are marked read."))
        return redirect("discussions:notifications")
    paginator = Paginator(selectors.notifications_for(user=request.user), 30)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "discussions/notifications.html", {"page": page, "notices": page.object_list}
    )


def open_network_room(request, *, target, title):
    """POST from a priority's or gap's page: its network-wide room, created on first use."""
    require_perm(request, "discussions.open_network_room")
    room = services.room_for_target(target=target, title=title, by=request.user)
    return redirect("discussions:room", slug=room.slug)
