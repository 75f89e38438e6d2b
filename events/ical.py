"""iCalendar (RFC 5545) files for one event or every upcoming one."""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Inter Agency Research Network//Events//EN"


def _uid(page):
    """Stable across requests, hosts and edits: the page's id and the site's own host."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"event-{page.pk}@{host}"


def _vevent(page, request, *, private):
    tz = page.tz
    url = page.get_full_url(request)
    event = Event()
    event.add("uid", _uid(page))
    event.add("dtstamp", (page.last_published_at or timezone.now()).astimezone(UTC))
    event.add("summary", page.title)
    event.add("dtstart", page.start.astimezone(tz))
    event.add("dtend", page.end.astimezone(tz))
    location = page.location_text()
    if location:
        event.add("location", location)
    event.add("url", url)
    lines = [page.get_kind_display(), url]
    if private:
        if page.online_link:
            lines.append(_("Online: %(link)s") % {"link": page.online_link})
        if page.venue_details:
            lines.append(page.venue_details)
    event.add("description", "\n".join(lines))
    return event


def calendar_response(pages, request, *, filename, private=False):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Inter Agency Research Network events"))
    for page in pages:
        calendar.add_component(_vevent(page, request, private=private))
    # One VTIMEZONE per TZID used, so calendar apps without a time-zone database agree.
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
