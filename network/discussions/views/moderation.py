"""Acting on topics and messages: follow, resolve, lock, move, edit, delete, hide, and the history
moderators read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from network.platform.messages import error_messages
from network.platform.views import RAISE, require_perm, run_service

from .. import selectors, services
from ..forms import (
    HideForm,
    MessageEditForm,
    MoveTopicForm,
    ResolveForm,
)
from ..models import Message
from .common import _confirm_page, _in_topic, _message, _room, _topic


@login_required
@require_POST
def topic_follow(request, slug, topic_id):
    topic = _topic(_room(request, slug), topic_id)
    follow = request.POST.get("follow") == "1"
    run_service(
        request,
        services.topic_follow,
        success=gettext("You follow this topic.")
        if follow
        else gettext("You no longer follow this topic."),
        on_denied=RAISE,
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
        run_service(
            request,
            services.topic_reopen,
            success=gettext("The topic is open again."),
            on_denied=RAISE,
            topic=topic,
            by=request.user,
        )
    else:
        form = ResolveForm(request.POST)
        note = form.cleaned_data["decision_note"] if form.is_valid() else ""
        if form.is_valid():
            run_service(
                request,
                services.topic_resolve,
                success=gettext("The topic is resolved."),
                on_denied=RAISE,
                topic=topic,
                by=request.user,
                decision_note=note,
            )
        else:
            messages.error(request, gettext("The decision note is at most 2,000 characters."))
    return redirect(topic)


@login_required
def topic_lock(request, slug, topic_id):
    room = _room(request, slug)
    topic = _topic(room, topic_id)
    require_perm(request, "discussions.moderate_room", room)
    lock = not topic.locked
    if request.method == "POST":
        run_service(
            request,
            services.topic_lock,
            success=gettext("The topic is locked.") if lock else gettext("The topic is unlocked."),
            on_denied=RAISE,
            topic=topic,
            by=request.user,
            locked=lock,
        )
        return redirect(topic)
    return _confirm_page(
        request,
        room,
        heading=(gettext("Lock “%(title)s”?") if lock else gettext("Unlock “%(title)s”?"))
        % {"title": topic.title},
        text=gettext("Nobody can post in a locked topic until a moderator unlocks it.")
        if lock
        else gettext("People can post in this topic again."),
        button=gettext("Lock") if lock else gettext("Unlock"),
        cancel=topic.get_absolute_url(),
    )


@login_required
def topic_move(request, slug, topic_id):
    """A moderator of both rooms moves a topic; widening its audience needs a confirmation."""
    room = _room(request, slug)
    topic = _topic(room, topic_id)
    require_perm(request, "discussions.moderate_room", room)
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
            messages.success(
                request, gettext("The topic is now in “%(room)s”.") % {"room": to_room.title}
            )
            return redirect(moved)
    return _confirm_page(
        request,
        room,
        heading=gettext("Move “%(title)s” to another room") % {"title": topic.title},
        text=gettext(
            "The topic moves with all its messages. People who cannot see the other "
            "room stop following it."
        ),
        form=form,
        button=gettext("Move"),
        cancel=topic.get_absolute_url(),
        status=400 if form.errors else 200,
    )


@login_required
def message_edit(request, slug, message_id):
    room = _room(request, slug)
    message = _message(room, message_id)
    require_perm(request, "discussions.change_message", message)
    form = MessageEditForm(
        request.POST if request.method == "POST" else None,
        initial={"body": message.body, "language": message.language},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.message_edit,
            success=gettext("Your message is updated."),
            on_denied=RAISE,
            message=message,
            by=request.user,
            body=form.cleaned_data["body"],
            language=form.cleaned_data["language"],
        )
    ):
        return redirect(_in_topic(message))
    return render(
        request, "discussions/message_form.html", {"room": room, "message": message, "form": form}
    )


def _removal_page(request, room, message, **context):
    """The confirmation page of taking a message away from the room (deleting, hiding)."""
    return _confirm_page(
        request, room, quote=message, danger=True, cancel=_in_topic(message), **context
    )


@login_required
def message_delete(request, slug, message_id):
    room = _room(request, slug)
    message = _message(room, message_id)
    require_perm(request, "discussions.delete_message", message)
    if request.method == "POST":
        run_service(
            request,
            services.message_delete,
            success=gettext("Your message is deleted."),
            on_denied=RAISE,
            message=message,
            by=request.user,
        )
        return redirect(message.topic)
    return _removal_page(
        request,
        room,
        message,
        heading=gettext("Delete your message?"),
        text=gettext("It disappears for everybody. Moderators keep its text."),
        button=gettext("Delete"),
    )


@login_required
def message_hide(request, slug, message_id):
    room = _room(request, slug)
    message = _message(room, message_id)
    require_perm(request, "discussions.moderate_room", room)
    form = HideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        run_service(
            request,
            services.message_hide,
            success=gettext("The message is hidden."),
            on_denied=RAISE,
            message=message,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        return redirect(message.topic)
    return _removal_page(
        request,
        room,
        message,
        heading=gettext("Hide this message by %(name)s?") % {"name": message.author.name},
        text=gettext("It disappears at once for everybody, including open pages."),
        form=form,
        button=gettext("Hide"),
    )


@login_required
def message_history(request, slug, message_id):
    """Moderators see every earlier version of a message, hidden and deleted ones included."""
    room = _room(request, slug)
    require_perm(request, "discussions.moderate_room", room)
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
