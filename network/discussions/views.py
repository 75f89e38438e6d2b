import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from members.models import User
from network.platform.messages import error_messages

from . import presence, selectors, services
from .forms import (
    HideForm,
    MessageEditForm,
    MessageForm,
    MoveTopicForm,
    MuteForm,
    ResolveForm,
    RoomForm,
)
from .models import Message, Room, Topic, TopicFollow, WorkingGroup

ROOMS_PER_PAGE = 30


def _room(request, slug):
    """The room, or 404 for anybody who may not see it: restricted stays invisible."""
    room = Room.objects.filter(slug=slug).first()
    if room is None or not request.user.has_perm("discussions.view_room", room):
        raise Http404("No such room.")
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


def _before(request):
    try:
        return max(int(request.GET.get("before", "")), 0) or None
    except ValueError:
        return None


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
    if not request.user.has_perm("discussions.add_room"):
        raise PermissionDenied
    group = WorkingGroup.objects.filter(slug=request.GET.get("group", "")).first()
    form = RoomForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"working_group": group},
    )
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_create(by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error_messages(error))
        else:
            messages.success(request, f"The room “{room.title}” is open.")
            return redirect(room)
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
        )
    except PermissionDenied as error:
        form.add_error(None, str(error) or "You may not post in this room.")
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


def _act(request, action, success, **kwargs):
    try:
        action(**kwargs)
    except PermissionDenied:
        raise
    except ValidationError as error:
        for text in error_messages(error):
            messages.error(request, text)
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def topic_follow(request, slug, topic_id):
    topic = _topic(_room(request, slug), topic_id)
    follow = request.POST.get("follow") == "1"
    _act(
        request,
        services.topic_follow,
        "You follow this topic." if follow else "You no longer follow this topic.",
        topic=topic,
        user=request.user,
        follow=follow,
    )
    return redirect(topic)


@login_required
@require_POST
def topic_resolve(request, slug, topic_id):
    topic = _topic(_room(request, slug), topic_id)
    if request.POST.get("reopen"):
        _act(
            request, services.topic_reopen, "The topic is open again.", topic=topic, by=request.user
        )
    else:
        form = ResolveForm(request.POST)
        note = form.cleaned_data["decision_note"] if form.is_valid() else ""
        if form.is_valid():
            _act(
                request,
                services.topic_resolve,
                "The topic is resolved.",
                topic=topic,
                by=request.user,
                decision_note=note,
            )
        else:
            messages.error(request, "The decision note is at most 2,000 characters.")
    return redirect(topic)


@login_required
def topic_lock(request, slug, topic_id):
    room = _room(request, slug)
    topic = _topic(room, topic_id)
    if not request.user.has_perm("discussions.moderate_room", room):
        raise PermissionDenied
    lock = not topic.locked
    if request.method == "POST":
        _act(
            request,
            services.topic_lock,
            "The topic is locked." if lock else "The topic is unlocked.",
            topic=topic,
            by=request.user,
            locked=lock,
        )
        return redirect(topic)
    verb = "Lock" if lock else "Unlock"
    return render(
        request,
        "discussions/confirm.html",
        {
            "room": room,
            "heading": f"{verb} “{topic.title}”?",
            "text": "Nobody can post in a locked topic until a moderator unlocks it."
            if lock
            else "People can post in this topic again.",
            "button": verb,
            "cancel": topic.get_absolute_url(),
        },
    )


@login_required
def topic_move(request, slug, topic_id):
    """A moderator of both rooms moves a topic; widening its audience needs a confirmation."""
    room = _room(request, slug)
    topic = _topic(room, topic_id)
    if not request.user.has_perm("discussions.moderate_room", room):
        raise PermissionDenied
    rooms = selectors.rooms_moderated_by(request.user).exclude(pk=room.pk).order_by("title")
    form = MoveTopicForm(request.POST if request.method == "POST" else None, rooms=rooms)
    if request.method == "POST" and form.is_valid():
        to_room = form.cleaned_data["to_room"]
        try:
            moved = services.topic_move(
                topic=topic,
                to_room=to_room,
                by=request.user,
                confirm_wider=form.cleaned_data["confirm_wider"],
            )
        except ValidationError as error:
            form.add_error(
                "confirm_wider" if error.code == "confirm_wider" else None, error_messages(error)
            )
        else:
            messages.success(request, f"The topic is now in “{to_room.title}”.")
            return redirect(moved)
    return render(
        request,
        "discussions/confirm.html",
        {
            "room": room,
            "heading": f"Move “{topic.title}” to another room",
            "text": "The topic moves with all its messages. People who cannot see the other "
            "room stop following it.",
            "form": form,
            "button": "Move",
            "cancel": topic.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def message_edit(request, slug, message_id):
    room = _room(request, slug)
    message = _message(room, message_id)
    if not request.user.has_perm("discussions.change_message", message):
        raise PermissionDenied
    form = MessageEditForm(
        request.POST if request.method == "POST" else None, initial={"body": message.body}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _act(
            request,
            services.message_edit,
            "Your message is updated.",
            message=message,
            by=request.user,
            body=form.cleaned_data["body"],
        )
    ):
        return redirect(f"{message.topic.get_absolute_url()}#m{message.pk}")
    return render(
        request, "discussions/message_form.html", {"room": room, "message": message, "form": form}
    )


@login_required
def message_delete(request, slug, message_id):
    room = _room(request, slug)
    message = _message(room, message_id)
    if not request.user.has_perm("discussions.delete_message", message):
        raise PermissionDenied
    if request.method == "POST":
        _act(
            request,
            services.message_delete,
            "Your message is deleted.",
            message=message,
            by=request.user,
        )
        return redirect(message.topic)
    return render(
        request,
        "discussions/confirm.html",
        {
            "room": room,
            "heading": "Delete your message?",
            "quote": message,
            "text": "It disappears for everybody. Moderators keep its text.",
            "button": "Delete",
            "danger": True,
            "cancel": f"{message.topic.get_absolute_url()}#m{message.pk}",
        },
    )


@login_required
def message_hide(request, slug, message_id):
    room = _room(request, slug)
    message = _message(room, message_id)
    if not request.user.has_perm("discussions.moderate_room", room):
        raise PermissionDenied
    form = HideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        _act(
            request,
            services.message_hide,
            "The message is hidden.",
            message=message,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        return redirect(message.topic)
    return render(
        request,
        "discussions/confirm.html",
        {
            "room": room,
            "heading": f"Hide this message by {message.author.name}?",
            "quote": message,
            "text": "It disappears at once for everybody, including open pages.",
            "form": form,
            "button": "Hide",
            "danger": True,
            "cancel": f"{message.topic.get_absolute_url()}#m{message.pk}",
        },
    )


@login_required
def room_mute(request, slug, user_id):
    room = _room(request, slug)
    if not request.user.has_perm("discussions.moderate_room", room):
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id)
    form = MuteForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _act(
            request,
            services.mute_user,
            f"{person.name} cannot post in this room for {form.label}.",
            room=room,
            user=person,
            by=request.user,
            duration=form.delta,
            reason=form.cleaned_data["reason"],
        )
    ):
        return redirect(room)
    return render(
        request,
        "discussions/confirm.html",
        {
            "room": room,
            "heading": f"Mute {person.name} in {room.title}?",
            "text": "They can still read the room but cannot post until the mute ends.",
            "form": form,
            "button": "Mute",
            "danger": True,
            "cancel": room.get_absolute_url(),
        },
    )


@login_required
def notifications(request):
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        messages.success(request, "All notifications are marked read.")
        return redirect("discussions:notifications")
    paginator = Paginator(selectors.notifications_for(user=request.user), 30)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "discussions/notifications.html", {"page": page, "notices": page.object_list}
    )


@login_required
def message_history(request, slug, message_id):
    """Moderators see every earlier version of a message, hidden and deleted ones included."""
    room = _room(request, slug)
    if not request.user.has_perm("discussions.moderate_room", room):
        raise PermissionDenied
    message = get_object_or_404(
        Message.objects.select_related("author", "topic__room", "hidden_by"),
        room=room,
        pk=message_id,
    )
    revisions = message.revisions.select_related("by")
    return render(
        request,
        "discussions/message_history.html",
        {"room": room, "message": message, "revisions": revisions},
    )


def open_network_room(request, *, target, title):
    """POST from a priority's or gap's page: its network-wide room, created on first use."""
    if not request.user.has_perm("discussions.open_network_room"):
        raise PermissionDenied
    room = services.room_for_target(target=target, title=title, by=request.user)
    return redirect("discussions:room", slug=room.slug)
