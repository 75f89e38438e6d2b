"""Reading a person's desk: one section per organization they speak for, alphabetical, then
their own. Each registered kind answers for all those organizations at once."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

from members.models import Organization
from network.platform.cache import app_version, versions

from .registry import kinds, watched_apps

# Seconds a cached count lives at most: a deadline passing is no write, so it bounds how long a
# count may still include an item that left.
COUNT_CACHED_FOR = 300


@dataclass
class Section:
    organization: object  # None: the person's own section
    items: list = field(default_factory=list)


def organizations_spoken_for(user):
    """Member organizations the person is focal point or alternate of, alphabetical."""
    if not user.is_authenticated:
        return []
    return list(
        Organization.objects.members()
        .filter(pk__in=user.memberships.spokespeople().values("organization_id"))
        .order_by("name")
    )


def desk_for(user, *, now=None):
    """[Section]: the organizations' sections (even empty ones) and the person's own."""
    now = now or timezone.now()
    organizations = organizations_spoken_for(user)
    sections = {org.pk: Section(org) for org in organizations}
    personal = Section(None)
    for kind in kinds():
        for item in kind.items_for(user=user, organizations=organizations):
            due = item.due_at
            if due is not None and due <= now:
                continue
            org_pk = item.organization.pk if item.organization is not None else None
            section = sections.get(org_pk) if org_pk is not None else personal
            if section is not None:
                section.items.append(item)
    result = [*sections.values(), personal]
    for section in result:
        # Soonest deadline first; items without one after them.
        section.items.sort(key=lambda i: (i.due_at is None, i.due_at or now, i.title))
    return result


def _count_key(user):
    current = versions([app_version(app) for app in watched_apps()])
    stamp = "-".join(str(current[app_version(app)]) for app in watched_apps())
    return f"desk:count:{user.pk}:{stamp}"


def desk_count(user, *, compute=True):
    """How many items are on the person's desk, cached per person under the versions of every
    app whose writes change the items. With compute=False, only a cached count (or None)."""
    if not user.is_authenticated:
        return None
    key = _count_key(user)
    count = cache.get(key)
    if count is None and compute:
        count = sum(len(section.items) for section in desk_for(user))
        cache.set(key, count, COUNT_CACHED_FOR)
    return count


def desk_count_remember(user, count):
    """Store the count the desk page just worked out, for the header of cached pages."""
    cache.set(_count_key(user), count, COUNT_CACHED_FOR)
