"""Calendar files. Wagtail's page URLs only take path segments without dots and with a
trailing slash, so `/events/calendar.ics` and `/events/<slug>/calendar.ics` are routed here
and handed to the page's own route."""

from django.urls import re_path

from . import views

app_name = "events"

urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)+)calendar\.ics$", views.calendar_file, name="calendar"),
]
