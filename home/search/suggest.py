"""'Did you mean': each term replaced by its closest word among the titles the searcher may see."""

import difflib
import hashlib

from django.core.cache import cache

from .kinds import KINDS, RECORD_APPS, viewer_variant
from .text import terms_of

# What the search page shows comes from these apps; a write to any of them makes the cached
# vocabulary of 'did you mean' stale (network/platform/cache.py versions).
SEARCHED_APPS = [*RECORD_APPS, "home", "wagtailcore"]
SUGGEST_CUTOFF = 0.75
VOCABULARY_SECONDS = 600


def _vocabulary(request):
    """The words (over three letters, no digits) of the titles the searcher may see, by
    length. Cached per kind of viewer exactly as the search page is (viewer class and variant:
    people hidden from a class never lend it their names), until SEARCHED_APPS are written."""
    from network.platform.cache import app_version, versions
    from network.platform.pagecache import viewer_class

    names = [app_version(app) for app in SEARCHED_APPS]
    current = versions(names)
    viewer = f"{viewer_class(request)}|{viewer_variant(request)}"
    stamp = ".".join(str(current[name]) for name in names)
    key = "search-vocabulary:" + hashlib.sha256(f"{viewer}|{stamp}".encode()).hexdigest()
    by_length = cache.get(key)
    if by_length is None:
        words = set()
        for kind in KINDS:
            titles = kind.visible(request.user).values_list(kind.suggest_from, flat=True)[:2000]
            for name in titles:
                # Words, not numbers: `Agency 0042` lends `agency` only.
                words.update(t for t in terms_of(name or "") if len(t) > 3 and t.isalpha())
        by_length = {}
        for word in sorted(words):
            by_length.setdefault(len(word), []).append(word)
        cache.set(key, by_length, VOCABULARY_SECONDS)
    return by_length


def _close_matches(term, by_length, limit):
    # difflib's ratio is at most 2·min(a, b)/(a + b) for lengths a and b, so words of other
    # lengths can never reach the cutoff: leaving them out changes no answer.
    n = len(term)
    candidates = [
        word
        for length, words in by_length.items()
        if 2 * min(n, length) / (n + length) >= SUGGEST_CUTOFF
        for word in words
    ]
    return difflib.get_close_matches(term, candidates, n=limit, cutoff=SUGGEST_CUTOFF)


def suggestions(query, request, limit=3):
    """'Did you mean' queries: each term replaced by its closest word among visible titles."""
    terms = terms_of(query)
    if not terms:
        return []
    by_length = _vocabulary(request)
    options = [_close_matches(t, by_length, limit) or [t] for t in terms]
    found = []
    for i in range(limit):
        suggestion = " ".join(choices[min(i, len(choices) - 1)] for choices in options)
        if suggestion != " ".join(terms) and suggestion not in found:
            found.append(suggestion)
    return found
