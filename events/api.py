"""API: the network's published events."""

from datetime import datetime
from enum import StrEnum

from django.utils import timezone
from ninja import Query, Router, Schema

from network.platform.api import (
    PageParams,
    contract,
    export_of,
    fields_of,
    page_of,
)
from network.platform.api import page_schema as _page
from network.platform.languages import source_pages

from .enums import EventKind
from .models import EventPage

router = Router()


class When(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    start: datetime
    end: datetime
    venue: str
    city: str
    country: str
    online: bool
    organizers: list[str]
    url: str


class EventFilters(Schema):
    when: When = When.ALL
    kind: EventKind | None = None


EventPageOut = _page(EventOut, "EventPage")


def _events(filters):
    # The same visibility as events.selectors: live and not behind a view restriction.
    events = source_pages(EventPage.objects.live().public()).prefetch_related("organizers")
    now = timezone.now()
    if filters.when == When.UPCOMING:
        events = events.filter(end__gte=now).order_by("start", "pk")
    elif filters.when == When.PAST:
        events = events.filter(end__lt=now).order_by("-start", "pk")
    else:
        events = events.order_by("-start", "pk")
    if filters.kind:
        events = events.filter(kind=filters.kind)
    return events


def _event(request, event):
    return {
        **fields_of(event, "slug", "title", "kind", "start", "end", "venue", "city"),
        "country": str(event.country or ""),
        "online": event.online,
        "organizers": [o.slug for o in event.organizers.all()],
        "url": request.build_absolute_uri(event.url),
    }


@router.get("", **contract(EventPageOut), summary="List published events")
def event_list(request, filters: Query[EventFilters], page: Query[PageParams]):
    return page_of(_events(filters), page, item=lambda e: _event(request, e))


@router.get("/export.csv", summary="Published events as CSV", **contract(csv=True))
def event_export(request, filters: Query[EventFilters]):
    return export_of(
        _events(filters),
        list(EventOut.model_fields),
        "events.csv",
        item=lambda e: _event(request, e),
    )
