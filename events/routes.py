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


def _routes(*rows):
    """The sub-page paths of (route, view, name) rows, each view bound to the page."""
    return tuple(path(route, _on_page(view), name=name) for route, view, name in rows)


INDEX = _routes(
    ("", views.event_index, "index"),
    ("calendar.ics", views.index_calendar, "calendar"),
)

EVENT = _routes(
    ("", views.event_detail, "detail"),
    ("register/", views.event_register, "register"),
    ("cancel/", views.event_cancel, "cancel"),
    ("calendar.ics", views.event_calendar, "calendar"),
    ("discussion/", views.event_discussion, "discussion"),
    ("sessions/<int:session_id>/discussion/", views.session_discussion, "session_discussion"),
    (
        "organizations/<slug:organization>/registrations/",
        views.organization_registrations,
        "organization_registrations",
    ),
    ("manage/", views.manage_participants, "manage"),
    ("manage/export/", views.manage_csv, "manage_csv"),
    ("manage/email/", views.manage_email, "manage_email"),
    ("manage/outputs/", views.manage_outputs, "manage_outputs"),
    ("manage/outputs/<int:pk>/status/", views.manage_output_status, "manage_output_status"),
    ("minutes/<int:pk>/", views.minutes_detail, "minutes"),
    ("minutes/<int:pk>/sign-off/", views.minutes_sign_off, "minutes_sign_off"),
    ("manage/minutes/new/", views.minutes_new, "minutes_new"),
    ("manage/minutes/<int:pk>/edit/", views.minutes_edit, "minutes_edit"),
    ("manage/minutes/<int:pk>/circulate/", views.minutes_circulate, "minutes_circulate"),
    ("manage/minutes/<int:pk>/publish/", views.minutes_publish, "minutes_publish"),
)
