"""The sub-page URLs of the events index and of each event page (Wagtail's routable pages),
given to the page classes by events/apps.py at start-up."""

from functools import wraps

from django.urls import path

from . import views


def _on_page(view):
    """Wagtail calls a page's route bound to the page (page first); our views take the request
    first, as every other view does."""

    @wraps(view)
    def bound(page, request, *args, **kwargs):
        return view(request, page, *args, **kwargs)

    return bound


INDEX = (
    path("", _on_page(views.event_index), name="index"),
    path("calendar.ics", _on_page(views.index_calendar), name="calendar"),
)

EVENT = (
    path("", _on_page(views.event_detail), name="detail"),
    path("register/", _on_page(views.event_register), name="register"),
    path("cancel/", _on_page(views.event_cancel), name="cancel"),
    path("calendar.ics", _on_page(views.event_calendar), name="calendar"),
    path("discussion/", _on_page(views.event_discussion), name="discussion"),
    path(
        "sessions/<int:session_id>/discussion/",
        _on_page(views.session_discussion),
        name="session_discussion",
    ),
    path(
        "organizations/<slug:organization>/registrations/",
        _on_page(views.organization_registrations),
        name="organization_registrations",
    ),
    path("manage/", _on_page(views.manage_participants), name="manage"),
    path("manage/export/", _on_page(views.manage_csv), name="manage_csv"),
    path("manage/email/", _on_page(views.manage_email), name="manage_email"),
    path("manage/outputs/", _on_page(views.manage_outputs), name="manage_outputs"),
    path(
        "manage/outputs/<int:pk>/status/",
        _on_page(views.manage_output_status),
        name="manage_output_status",
    ),
    path("minutes/<int:pk>/", _on_page(views.minutes_detail), name="minutes"),
    path("minutes/<int:pk>/sign-off/", _on_page(views.minutes_sign_off), name="minutes_sign_off"),
    path("manage/minutes/new/", _on_page(views.minutes_new), name="minutes_new"),
    path("manage/minutes/<int:pk>/edit/", _on_page(views.minutes_edit), name="minutes_edit"),
    path(
        "manage/minutes/<int:pk>/circulate/",
        _on_page(views.minutes_circulate),
        name="minutes_circulate",
    ),
    path(
        "manage/minutes/<int:pk>/publish/", _on_page(views.minutes_publish), name="minutes_publish"
    ),
)
