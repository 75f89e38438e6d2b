"""Site-wide search: what can be found, visibility applied per kind, and how hits are shown.

Adding a kind (priorities, gaps, projects...) is one `SearchKind` entry in `KINDS`, whose
`visible` callable returns only what the searcher may see — the same selector the kind's
own pages use. Wagtail search does the matching (PostgreSQL full text on PostgreSQL).

kinds: what can be found and who may see it; hits: each kind's hits, ranked; text: terms and
snippets; limit: searches one client may run at once; suggest: "did you mean".
"""

from django.db import connection
from django.urls import reverse

from .hits import (
    Hits,
    IndexedHits,
    NoHits,
    RankedHits,
    WordHits,
    counts,
    parsed_tsquery,
    previews,
    single_word,
    term_ranks_ready,
)
from .kinds import KINDS, KINDS_BY_KEY, RECORD_APPS, SearchKind, viewer_variant
from .limit import CONCURRENT_SEARCHES, SLOT_SECONDS, TooManySearches, search_slot
from .suggest import suggestions
from .text import SNIPPET_LENGTH, TERM, highlight, terms_of

__all__ = [
    "CONCURRENT_SEARCHES",
    "COUNT_LIMIT",
    "KINDS",
    "KINDS_BY_KEY",
    "KIND_COUNT_LIMIT",
    "MAX_QUERY_LENGTH",
    "PREVIEW_SIZE",
    "RECORD_APPS",
    "SLOT_SECONDS",
    "SNIPPET_LENGTH",
    "TERM",
    "Hits",
    "IndexedHits",
    "NoHits",
    "RankedHits",
    "SearchKind",
    "TooManySearches",
    "WordHits",
    "counts",
    "highlight",
    "parsed_tsquery",
    "previews",
    "search_kinds",
    "search_slot",
    "search_url",
    "single_word",
    "suggestions",
    "term_ranks_ready",
    "terms_of",
    "viewer_variant",
]

MAX_QUERY_LENGTH = 200
PREVIEW_SIZE = 5
# Hits counted (and reachable) per kind: on the page of every kind, and on one kind's pages.
COUNT_LIMIT = 100
KIND_COUNT_LIMIT = 500


def search_kinds(query, user, count_limit=None):
    """Each kind's hits for `query` among what `user` may see, best first (see `Hits`),
    counted up to `count_limit` (COUNT_LIMIT)."""
    count_limit = COUNT_LIMIT if count_limit is None else count_limit
    if connection.vendor != "postgresql":
        return {kind.key: Hits(kind, query, user, count_limit) for kind in KINDS}
    tsquery = parsed_tsquery(query, KINDS[0].visible(user))
    if not tsquery:
        return {kind.key: NoHits(kind, query, user, count_limit) for kind in KINDS}
    word = single_word(tsquery)
    if word is not None and term_ranks_ready():
        return {kind.key: WordHits(kind, query, user, count_limit, word) for kind in KINDS}
    return {kind.key: IndexedHits(kind, query, user, count_limit, tsquery) for kind in KINDS}


def search_url(query, kind=""):
    from django.utils.http import urlencode

    params = {"q": query, **({"kind": kind} if kind else {})}
    return f"{reverse('search')}?{urlencode(params)}"
