"""Who is connected to a room, kept in the shared cache so every server process sees it.

One entry per socket (a person may have several tabs), each with an expiry so that a
process that dies without saying goodbye leaves no one present for ever. Updates are
read-modify-write: two sockets joining in the same instant on two processes can lose one
entry until that socket's next frame refreshes it; presence is a hint, not a record.
"""

import time

from django.core.cache import cache

ENTRY_TTL = 3600


def _key(room_id):
    return f"discussions:presence:{room_id}"


def _alive(entries):
    now = time.time()
    return {channel: entry for channel, entry in entries.items() if entry[2] > now}


def members(entries) -> list[dict]:
    people = {user_id: name for user_id, name, _ in entries.values()}
    return [
        {"id": user_id, "name": name}
        for user_id, name in sorted(people.items(), key=lambda item: (item[1].lower(), item[0]))
    ]


def join(room_id: int, channel_name: str, user) -> list[dict]:
    """Record (or refresh) this socket; return who is present."""
    entries = _alive(cache.get(_key(room_id)) or {})
    entries[channel_name] = (user.pk, user.name, time.time() + ENTRY_TTL)
    cache.set(_key(room_id), entries, ENTRY_TTL)
    return members(entries)


def leave(room_id: int, channel_name: str) -> list[dict]:
    entries = _alive(cache.get(_key(room_id)) or {})
    entries.pop(channel_name, None)
    cache.set(_key(room_id), entries, ENTRY_TTL)
    return members(entries)


def present(room_id: int) -> list[dict]:
    return members(_alive(cache.get(_key(room_id)) or {}))
