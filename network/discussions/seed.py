"""The network's own free-standing room with a welcome topic. No personal data."""

from django.db import transaction

from .enums import RoomVisibility
from .models import Room, Topic

ROOM_SLUG = "inter-agency-research-network"
ROOM_TITLE = "Inter Agency Research Network"
WELCOME = "Welcome"


@transaction.atomic
def load() -> int:
    """Create the room and its welcome topic if missing; returns rows created.

    Seeded rows have no author, so they go in directly rather than through message services.
    Edits made later (title, description) are left alone.
    """
    created = 0
    room, made = Room.objects.get_or_create(
        slug=ROOM_SLUG,
        defaults={
            "title": ROOM_TITLE,
            "visibility": RoomVisibility.NETWORK,
            "description": "The whole network's room: introductions, announcements and "
            "questions for every member agency. Research metadata only — never personal "
            "data of trafficked persons.",
        },
    )
    created += made
    if not Topic.objects.filter(room=room, title__iexact=WELCOME).exists():
        Topic.objects.create(room=room, title=WELCOME)
        created += 1
    return created
