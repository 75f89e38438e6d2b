"""Reading a person's desk: one section per organization they speak for, alphabetical, then
their own. Each registered kind answers for all those organizations at once."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

from members.models import Organization
from members.rules import PRIVILEGE, ROLES
from network.platform.cache import versions

from .registry import kinds

# Seconds a cached count lives at most: a deadline passing is no write, so it bounds how long a
# count may still include an item that left.
COUNT_CACHED_FOR = 300
# How far back the desk's "done recently" list reaches.
DONE_RECENTLY_DAYS = 30


@dataclass
class Section:
    organization: object  # None: the person's own section
    items: list = field(default_factory=list)


def organizations_spoken_for(user):
    """Member organizations the person is focal point or alternate of, alphabetical."""
    return list(Organization.objects.members().spoken_for_by(user))


def _open_items(kind, *, user, organizations, now):
    """The kind's items that the desk shows: not past their deadline, and the person's own or
    one of the organizations'."""
    spoken = {org.pk for org in organizations}
    return [
        item
        for item in kind.items_for(user=user, organizations=organizations)
        if (item.due_at is None or item.due_at > now)
        and (item.organization is None or item.organization.pk in spoken)
    ]


def desk_for(user, *, now=None, counts=None):
    """[Section]: the organizations' sections (even empty ones) and the person's own. With
    `counts` (a dict), each kind's number of items is put in it by key."""
    now = now or timezone.now()
    organizations = organizations_spoken_for(user)
    sections = {org.pk: Section(org) for org in organizations}
    personal = Section(None)
    for kind in kinds():
        items = _open_items(kind, user=user, organizations=organizations, now=now)
        if counts is not None:
            counts[kind.key] = len(items)
        for item in items:
            org = item.organization
            (sections[org.pk] if org is not None else personal).items.append(item)
    result = [*sections.values(), personal]
    for section in result:
        # Soonest deadline first; items without one after them.
        section.items.sort(key=lambda i: (i.due_at is None, i.due_at or now, i.title))
    return result


def done_recently(user, *, now=None):
    """[(Organization or None, DeskItem)]: what the person's organizations (and the person) did
    in the last DONE_RECENTLY_DAYS days, newest first; each kind answers from its own records."""
    from datetime import timedelta

    now = now or timezone.now()
    organizations = organizations_spoken_for(user)
    since = now - timedelta(days=DONE_RECENTLY_DAYS)
    spoken = {org.pk for org in organizations}
    done = []
    for kind in kinds():
        if kind.done_for is None:
            continue
        for item in kind.done_for(user=user, organizations=organizations, since=since):
            if item.done_at is None or item.done_at < since:
                continue
            if item.organization is not None and item.organization.pk not in spoken:
                continue
            done.append(item)
    done.sort(key=lambda i: (i.done_at, i.title), reverse=True)
    return done


# What every kind's count follows besides what the kind names: the organizations the person
# speaks for (their roles, the organizations' status) and the rights that decide what they may
# handle (privileged roles; the staff flags are read from the person).
FOLLOWED = (ROLES, PRIVILEGE)


def _count_key(user, kind):
    return f"desk:count:{user.pk}:{kind.key}"


def _version_names(all_kinds):
    return sorted({*FOLLOWED, *(name for kind in all_kinds for name in kind.versions)})


def _stamp(user, kind, current):
    return (
        user.is_staff,
        user.is_superuser,
        *(current[name] for name in (*FOLLOWED, *kind.versions)),
    )


def desk_count(user, *, compute=True):
    """How many items are on the person's desk. Each kind's count is cached per person with the
    versions of what changes it (see FOLLOWED and the registry), so that a write recounts only
    the kinds it concerns: one cache read of the counts when all are current (the versions
    are read once per request). With compute=False, only cached counts (None when one is
    missing or stale)."""
    if not user.is_authenticated:
        return None
    all_kinds = kinds()
    names = _version_names(all_kinds)
    count_keys = [_count_key(user, kind) for kind in all_kinds]
    current = versions(names)  # read once per request (network/platform/cache.py)
    found = cache.get_many(count_keys)
    total, stale = 0, []
    for kind, key in zip(all_kinds, count_keys, strict=True):
        stamp = _stamp(user, kind, current)
        cached = found.get(key)
        if cached is not None and tuple(cached[0]) == stamp:
            total += cached[1]
        else:
            stale.append((kind, key, stamp))
    if not stale:
        return total
    if not compute:
        return None
    now = timezone.now()
    organizations = organizations_spoken_for(user)
    fresh = {}
    for kind, key, stamp in stale:
        count = len(_open_items(kind, user=user, organizations=organizations, now=now))
        fresh[key] = (stamp, count)
        total += count
    cache.set_many(fresh, COUNT_CACHED_FOR)
    return total


def desk_count_remember(user, counts):
    """Store the counts the desk page just worked out ({kind key: count}), for the header of
    the pages after it."""
    all_kinds = kinds()
    current = versions(_version_names(all_kinds))
    cache.set_many(
        {
            _count_key(user, kind): (_stamp(user, kind, current), counts[kind.key])
            for kind in all_kinds
            if kind.key in counts
        },
        COUNT_CACHED_FOR,
    )


def notice_list():
    from django.db.models import Count

    from .models import Notice

    return Notice.objects.annotate(
        recipient_count=Count("recipients", distinct=True),
        acknowledged_count=Count("acknowledgements", distinct=True),
    )


def notice_detail(pk):
    """The notice and its rows, one per recipient organization, alphabetical, with the
    acknowledgement when there is one."""
    from .models import Notice

    notice = Notice.objects.filter(pk=pk).select_related("sent_by").first()
    if notice is None:
        return None, []
    acks = {ack.organization_id: ack for ack in notice.acknowledgements.select_related("by")}
    rows = [(org, acks.get(org.pk)) for org in notice.recipients.order_by("name")]
    return notice, rows


def notice_done(*, user, organizations, since):
    """For the desk's "done recently": the organizations' acknowledgements since `since`. One
    query."""
    from django.utils.translation import gettext as _

    from .models import NoticeAcknowledgement
    from .registry import DeskItem

    if not organizations:
        return []
    by_pk = {org.pk: org for org in organizations}
    return [
        DeskItem(
            organization=by_pk[ack.organization_id],
            kind=_("Notice"),
            title=ack.notice.title,
            reason=(
                _("Acknowledged late by %(who)s.") if ack.is_late else _("Acknowledged by %(who)s.")
            )
            % {"who": ack.by or _("a former member")},
            url=ack.notice.get_absolute_url(),
            done_at=ack.at,
        )
        for ack in NoticeAcknowledgement.objects.filter(
            organization__in=organizations, at__gte=since
        ).select_related("notice", "by")
    ]


def notice_items(*, user, organizations):
    """For the desk: notices to the organizations not yet acknowledged. Two queries."""
    from django.utils.translation import gettext as _

    from .models import Notice, NoticeAcknowledgement
    from .registry import DeskItem

    if not organizations:
        return []
    notices = Notice.objects.filter(recipients__in=organizations).distinct()
    recipients = Notice.recipients.through.objects.filter(
        notice__in=notices, organization__in=organizations
    ).select_related("notice")
    done = set(
        NoticeAcknowledgement.objects.filter(organization__in=organizations).values_list(
            "notice_id", "organization_id"
        )
    )
    by_pk = {org.pk: org for org in organizations}
    return [
        DeskItem(
            organization=by_pk[link.organization_id],
            kind=_("Notice"),
            title=link.notice.title,
            reason=_("The secretariat asks your organization to acknowledge it."),
            url=link.notice.get_absolute_url(),
            deadline=link.notice.acknowledge_by,
            action_url=link.notice.get_absolute_url(),
            action_label=_("Acknowledge"),
            action_fields=(("organization", link.organization_id),),
        )
        for link in recipients
        if (link.notice_id, link.organization_id) not in done
    ]
