"""`{% rendered obj [extra …] %}…{% endrendered %}`: a list row rendered once per process for
what it shows, then reused, on every page and filter combination that lists it.

A row of a list page costs 200 to 400 µs to render (its translated phrases, plurals, numbers and
labels), and a page lists fifty: most of an uncached list page's time. Rows are shared between
pages, filters and orders, so the same row is rendered again and again, identically.

The block's output is a function of the object's loaded state (its fields and annotations, the
related rows loaded with it by select_related or prefetch_related, two levels down), the extra
values given, the language, the time zone and the template's own text. The key is a digest of all
of those, so an entry never goes stale: a row that changed has another key. Entries are kept in
the memory of each process, on the template node (a template loaded anew is a new node with no
entries), at most MAX_ENTRIES per node, the least recently used leaving first: no cache round
trip per row and nothing to invalidate.

Only for blocks that read nothing else: not the viewer, the request, the CSRF token, an enclosing
loop's counter, a deferred field or a property that changes with time. A block that needs such a
value passes it as an extra (`{% rendered priority priority.vote_is_closing %}`).
"""

import datetime
import hashlib
import pickle
import threading
from collections import OrderedDict
from decimal import Decimal

from django import template
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

MAX_ENTRIES = 4096
DEPTH = 2


# Values that stand for themselves in the key (most of a row): checked by exact type first.
PLAIN = frozenset({str, int, float, bool, type(None), datetime.datetime, datetime.date, Decimal})
UNSEEN = ("_state", "_prefetched_objects_cache")


def state(value, depth=DEPTH):
    """What a template can read of `value` without a query, as plain data for the key (rows
    a view attached to the object in lists and dicts included). Deeper than DEPTH levels, a
    row counts by its identity only."""
    if type(value) in PLAIN:
        return value
    if isinstance(value, (list, tuple)):
        return [state(item, depth) for item in value]
    if isinstance(value, dict):
        return [(key, state(item, depth)) for key, item in value.items()]
    if isinstance(value, Promise):
        return str(value)
    if not isinstance(value, models.Model):
        return value
    if depth < 0:
        return (type(value).__qualname__, value.pk)
    fields = value.__dict__
    parts = [
        type(value).__qualname__,
        tuple(fields),
        [
            item if type(item) in PLAIN else state(item, depth - 1)
            for name, item in fields.items()
            if name not in UNSEEN
        ],
    ]
    if depth:
        loaded = value._state.fields_cache
        parts.append([(name, state(loaded[name], depth - 1)) for name in sorted(loaded)])
        prefetched = fields.get("_prefetched_objects_cache")
        if prefetched:
            parts.append(
                [
                    (name, [state(row, depth - 1) for row in prefetched[name]])
                    for name in sorted(prefetched)
                ]
            )
    return parts


def fingerprint(*values):
    key = [get_language(), timezone.get_current_timezone_name(), *map(state, values)]
    try:  # twice as fast as repr, and tells a SafeString from a str
        data = pickle.dumps(key, pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        data = repr(key).encode()
    return hashlib.blake2b(data, digest_size=16).digest()


class RenderedNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def render(self, context):
        key = fingerprint(*(value.resolve(context) for value in self.values))
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                return found
        output = mark_safe(self.nodelist.render(context))  # noqa: S308 -- rendered with escaping
        with self.lock:
            self.entries[key] = output
            if len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)
        return output


@register.tag
def rendered(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "'rendered' takes the object the block shows, then any extra values it reads."
        )
    nodelist = parser.parse(("endrendered",))
    parser.delete_first_token()
    return RenderedNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


@register.filter
def section(path):
    """The first segment of a path ("/members/" for "/members/abc/"; "/" for the home page):
    all the main navigation marks as current, so its key for `rendered`."""
    head = path.strip("/").split("/", 1)[0]
    return f"/{head}/" if head else "/"
