"""What one person's digest says: new desk items, unread followed topics and mentions, new
gaps and publications in their countries, newly announced upcoming events. Each part is read
with a fixed number of queries however many items there are, and only what the person may see:
the desk and discussions apply their own rules; gaps, publications and public live events are
open to everyone."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from events.selectors import upcoming_events
from network.desk.selectors import desk_for
from network.discussions.selectors import followed_topics_unread, pending_mentions
from network.gaps.models import DataGap
from network.library.models import Publication

# At most this many of each part, newest first: a digest is a summary, the site has the rest.
PER_PART = 20


def desk_item_key(item) -> str:
    org = item.organization.pk if item.organization is not None else ""
    return f"{item.kind}|{org}|{item.url}"


@dataclass
class Digest:
    desk_items: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    gaps: list = field(default_factory=list)
    publications: list = field(default_factory=list)
    events: list = field(default_factory=list)
    # Every desk item now on the desk: the next digest lists only those not among them.
    desk_keys: list = field(default_factory=list)

    def __bool__(self):
        return any(
            [
                self.desk_items,
                self.topics,
                self.mentions,
                self.gaps,
                self.publications,
                self.events,
            ]
        )


def digest_for(user, *, since, seen=(), now=None) -> Digest:
    """The digest of what is new for `user` since `since`; desk items whose keys are in `seen`
    were listed before and are left out."""
    now = now or timezone.now()
    seen = set(seen)
    digest = Digest()
    for section in desk_for(user, now=now):
        for item in section.items:
            key = desk_item_key(item)
            digest.desk_keys.append(key)
            if key not in seen:
                digest.desk_items.append(item)
    digest.topics = list(followed_topics_unread(user=user)[:PER_PART])
    digest.mentions = list(pending_mentions(user=user)[:PER_PART])
    codes = [str(code) for code in user.countries]
    if codes:
        digest.gaps = list(
            DataGap.objects.filter(created_at__gt=since, countries__code__in=codes)
            .distinct()
            .order_by("-created_at", "-pk")[:PER_PART]
        )
        # The field holds codes separated by commas; two-letter codes cannot match across one.
        digest.publications = list(
            Publication.objects.filter(
                reduce(or_, (Q(countries__contains=code) for code in codes)),
                created_at__gt=since,
            ).order_by("-created_at", "-pk")[:PER_PART]
        )
    digest.events = list(upcoming_events().filter(first_published_at__gt=since)[:PER_PART])
    return digest
