"""The events index, an event page with registration, its discussions and calendar files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Page, Site

from network.discussions import services as discussion_services
from network.discussions.enums import RoomVisibility
from network.discussions.selectors import room_for, rooms_for
from network.platform.forms import filters_of
from network.platform.languages import page_text, page_texts
from network.platform.pagecache import cached_page
from network.platform.views import RAISE, run_service

from .. import selectors, services
from ..enums import ACTIVE_STATUSES, RegistrationStatus
from ..forms import (
    EventFilterForm,
    RegistrationForm,
)
from ..ical import calendar_response
from ..models import EventIndexPage, EventPage
from .common import (
    PAGE_SIZE,
    _sub,
)


def _paginate(queryset, request, param):
    paginator = Paginator(queryset, PAGE_SIZE)
    return paginator.get_page(request.GET.get(param))


@cached_page(depends_on=["events", "members"])
def event_index(request, page):
    visible = selectors.visible_events()
    form = EventFilterForm(
        request.GET or None, organizations=selectors.organizing_organizations(visible)
    )
    filters = filters_of(form)
    query = request.GET.copy()
    for param in ("page", "past"):
        query.pop(param, None)
    upcoming = _paginate(
        selectors.upcoming_events(filters=filters, visible=visible), request, "page"
    )
    past = _paginate(selectors.past_events(filters=filters, visible=visible), request, "past")
    _with_texts([*upcoming.object_list, *past.object_list])
    return TemplateResponse(
        request,
        "events/event_index_page.html",
        {
            "page": page,
            "self": page,
            **page_text(page, request),
            "form": form,
            "filtered": any(filters.values()),
            "upcoming": upcoming,
            "past": past,
            "query": query.urlencode(),
            "calendar_url": _sub(page, request, "calendar"),
        },
    )


def _with_texts(events):
    """Each event's title in the reader's language (`event.text`), for the cards."""
    texts = page_texts(events)
    for event in events:
        event.text = texts[event.pk]


def index_calendar(request, page):
    return calendar_response(
        selectors.upcoming_events(), request, filename="network-events.ics", private=False
    )


# What a person is told once registered, by the status the registration got.
REGISTERED = {
    RegistrationStatus.CONFIRMED: gettext_lazy("You are registered: your place is confirmed."),
    RegistrationStatus.WAITLISTED: gettext_lazy(
        "The event is full: you are on the waiting list. We will email you if a seat frees up."
    ),
    RegistrationStatus.PENDING: gettext_lazy(
        "Your registration is received. The organizers will decide and tell you by email."
    ),
    RegistrationStatus.AWAITING_ORGANIZATION: gettext_lazy(
        "Your registration is received. This event limits how many people each organization "
        "sends: your organization's focal point or alternate decides first and you will be "
        "told by email."
    ),
}


def _registration_form(request, page, data=None):
    return RegistrationForm(
        data,
        organizations=selectors.representable_organizations(request.user),
        questions=list(page.questions.all()),
    )


def _preview_of_new_page(request, page):
    """The admin previews a page before its first save: no registrations exist yet."""
    return TemplateResponse(
        request,
        "events/event_page.html",
        {
            "page": page,
            "self": page,
            **page_text(page, request),
            "timetable": selectors.timetable(page),
            "outputs": [],
            "organizers": page.organizers.all(),
            "counts": {"confirmed": 0, "pending": 0, "waitlisted": 0, "active": 0},
            "now": timezone.now(),
        },
    )


def event_detail(request, page, form=None):
    if page.pk is None:
        return _preview_of_new_page(request, page)
    user = request.user
    registration = selectors.registration_of(page, user)
    active = registration is not None and registration.status in ACTIVE_STATUSES
    can_register = (
        not active and page.registration_is_open and user.has_perm("events.register", page)
    )
    if form is None and can_register:
        form = _registration_form(request, page)
    can_see_participants = user.has_perm("events.view_participants", page)
    can_see_online = user.has_perm("events.view_online_details", page)
    timetable = selectors.timetable(page)
    if can_see_online:
        session_rooms = rooms_for(page.sessions.all())
        for _, sessions in timetable:
            for session in sessions:
                session.discussion_room = session_rooms.get(session.pk)
                session.discussion_url = _sub(
                    page, request, "session_discussion", session_id=session.pk
                )
    context = {
        "page": page,
        "self": page,
        # The editorial text in the reader's language; the records stay the page's own.
        **page_text(page, request),
        "timetable": timetable,
        "outputs": selectors.outputs(page, public=True),
        "organizers": page.organizers.all(),
        "registration": registration,
        "registration_active": active,
        "form": form if can_register else None,
        "can_manage": user.has_perm("events.manage_event", page),
        "can_see_online": can_see_online,
        # Fellow participants see each other, except people who hide their profile.
        "participants": [
            r
            for r in selectors.confirmed_participants(page)
            if user.has_perm("members.view_person", r.user)
        ]
        if can_see_participants
        else None,
        "counts": selectors.registration_counts(page),
        "register_url": _sub(page, request, "register"),
        "cancel_url": _sub(page, request, "cancel"),
        "calendar_url": _sub(page, request, "calendar"),
        "manage_url": _sub(page, request, "manage"),
        "discussion_url": _sub(page, request, "discussion"),
        "discussion_room": room_for(page) if can_see_online else None,
        "now": timezone.now(),
    }
    return TemplateResponse(request, "events/event_page.html", context)


@login_required
@require_POST
def event_discussion(request, page):
    """The event's own room: confirmed participants and organizers; organizers moderate."""
    if not request.user.has_perm("events.view_online_details", page):
        raise PermissionDenied
    return _event_room(
        request, page, target=page, title=_("Event: %(title)s") % {"title": page.title}
    )


@login_required
@require_POST
def session_discussion(request, page, session_id):
    """A session's room: the same people as the event's room, and the same moderators."""
    if not request.user.has_perm("events.view_online_details", page):
        raise PermissionDenied
    session = get_object_or_404(page.sessions.all(), pk=session_id)
    return _event_room(request, page, target=session, title=f"{page.title}: {session.title}")


def _event_room(request, page, *, target, title):
    """Open (or find) the room of the event or one of its sessions, for the event's confirmed
    participants and organizers, and go there."""
    room = discussion_services.room_for_target(
        target=target,
        title=title,
        by=request.user,
        visibility=RoomVisibility.RESTRICTED,
        members=[r.user for r in selectors.confirmed_participants(page)],
        moderators=selectors.organizer_people(page),
    )
    return redirect("discussions:room", slug=room.slug)


def event_register(request, page):
    if request.method != "POST":
        return redirect(page.get_url(request))
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    if not request.user.has_perm("events.register", page):
        messages.error(
            request,
            _(
                "Only people who belong to a member organization can register. Join your "
                "organization on the Members page first."
            ),
        )
        return redirect(page.get_url(request))
    form = _registration_form(request, page, request.POST)
    if form.is_valid():
        if run_service(
            request,
            services.registration_create,
            success=lambda registration: REGISTERED[registration.status],
            on_denied=RAISE,
            event=page,
            user=request.user,
            organization=form.cleaned_data["organization"],
            answers=form.answers(),
        ):
            return redirect(page.get_url(request))
    else:
        messages.error(request, _("Please correct the registration form below."))
    response = event_detail(request, page, form=form)
    response.status_code = 400 if form.errors else 200
    return response


def event_cancel(request, page):
    if request.method != "POST":
        return redirect(page.get_url(request))
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    registration = page.registrations.filter(user=request.user, status__in=ACTIVE_STATUSES).first()
    if registration is None:
        messages.error(request, _("You have no active registration for this event."))
    else:
        run_service(
            request,
            services.registration_cancel,
            success=_("Your registration is cancelled."),
            on_denied=RAISE,
            registration=registration,
            by=request.user,
        )
    return redirect(page.get_url(request))


def event_calendar(request, page):
    private = request.user.has_perm("events.view_online_details", page)
    return calendar_response([page], request, filename=f"{page.slug}.ics", private=private)


def calendar_file(request, path):
    """/<page path>calendar.ics for an events index or an event, with the page's privacy."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = Page.objects.live().filter(url_path=site.root_page.url_path + path).first()
    if page is None:
        raise Http404
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    page = page.specific
    if isinstance(page, EventPage):
        return event_calendar(request, page)
    if isinstance(page, EventIndexPage):
        return index_calendar(request, page)
    raise Http404
