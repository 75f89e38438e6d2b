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
# How far back the desk's "done recently" list reaches.
DONE_RECENTLY_DAYS = 30


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


def _count_key(user):
    return f"desk:count:{user.pk}"


def _stamp():
    current = versions([app_version(app) for app in watched_apps()])
    return tuple(current[app_version(app)] for app in watched_apps())


def desk_count(user, *, compute=True):
    """How many items are on the person's desk, cached per person with the versions of every
    app whose writes change the items: one cache read when it is current (the versions are
    read once per request). With compute=False, only a cached count (or None)."""
    if not user.is_authenticated:
        return None
    stamp = _stamp()
    cached = cache.get(_count_key(user))
    if cached is not None and tuple(cached[0]) == stamp:
        return cached[1]
    if not compute:
        return None
    count = sum(len(section.items) for section in desk_for(user))
    cache.set(_count_key(user), (stamp, count), COUNT_CACHED_FOR)
    return count


def desk_count_remember(user, count):
    """Store the count the desk page just worked out, for the header of the pages after it."""
    cache.set(_count_key(user), (_stamp(), count), COUNT_CACHED_FOR)


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
