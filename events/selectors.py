from django.utils import timezone


def _visible():
    from .models import EventPage

    return EventPage.objects.live().public()


def upcoming_events():
    return _visible().filter(end__gte=timezone.now()).order_by("start")


def past_events():
    return _visible().filter(end__lt=timezone.now()).order_by("-start")
