"""Item kinds on the desk, registered by the apps that own the items (in their ready()).

A kind is a function `items_for(*, user, organizations) -> list[DeskItem]`: `organizations`
are the member organizations the person speaks for (read once by the desk), so that each kind
answers with a fixed number of queries however many items there are. `apps` names the app
labels whose writes change the kind's items: the header count is cached under their versions.

A kind may also answer `done_for(*, user, organizations, since) -> list[DeskItem]`: what the
organizations (or the person) did since `since`, each with `done_at`, for the desk's "done
recently" list. It is derived from the records the actions wrote (an acknowledgement, a decided
request, a vote), so nothing is stored twice; it too costs a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class DeskItem:
    organization: Any  # the Organization addressed, or None for the person themself
    kind: str
    title: str
    reason: str
    url: str
    deadline: datetime | date | None = None
    action_url: str = ""
    action_label: str = ""
    # Hidden fields the action's form posts: ((name, value), ...).
    action_fields: tuple = ()
    done_at: datetime | None = None

    @property
    def due_at(self):
        """The deadline as an aware datetime; a date runs to the end of that day."""
        if self.deadline is None or isinstance(self.deadline, datetime):
            return self.deadline
        return timezone.make_aware(datetime.combine(self.deadline, time.max))


@dataclass(frozen=True)
class Kind:
    key: str
    items_for: Any
    apps: tuple
    done_for: Any = None


_kinds: dict[str, Kind] = {}


def register(key, items_for, *, apps, done_for=None):
    """Register (or replace, on a second ready()) an item kind under `key`."""
    _kinds[key] = Kind(key=key, items_for=items_for, apps=tuple(apps), done_for=done_for)


def kinds():
    return list(_kinds.values())


def watched_apps():
    """The app labels whose writes may change someone's desk."""
    return sorted({app for kind in _kinds.values() for app in kind.apps} | {"members"})
