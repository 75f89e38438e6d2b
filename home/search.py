"""Site-wide search: what can be found, visibility applied per kind, and how hits are shown.

Adding a kind (priorities, gaps, projects...) is one `SearchKind` entry in `KINDS`, whose
`visible` callable returns only what the searcher may see — the same selector the kind's
own pages use. Wagtail search does the matching (PostgreSQL full text on PostgreSQL).
"""

import difflib
import hashlib
import html
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.db.models.sql import Query
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from events.models import EventPage
from home.models import StandardPage
from members.models import Organization
from members.selectors import people_visible_to
from network.agenda.models import ResearchPriority
from network.decisions.selectors import decisions_visible_to
from network.gaps.models import Indicator
from network.gaps.selectors import gap_filter
from network.groups.models import WorkingGroup
from network.library.models import Publication
from network.platform.languages import source_pages
from network.platform.models import choice_label
from projects.selectors import projects_visible_to

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 240
PREVIEW_SIZE = 5
# Hits counted (and reachable) per kind: on the page of every kind, and on one kind's pages.
COUNT_LIMIT = 100
KIND_COUNT_LIMIT = 500
TERM = re.compile(r"\w+", re.UNICODE)
ENTITY = re.compile(r"(&[#a-zA-Z0-9]+;)")


def _absolute_url(obj):
    return obj.get_absolute_url()


def _no_meta(obj):
    return ""


@dataclass(frozen=True)
class SearchKind:
    """One kind of thing the search finds. `visible(user)` is what the searcher may see;
    `title` and `text` (what a hit reads as and is highlighted in) and `url` (where it leads)
    are the name of an attribute of the found object, or a function of it."""

    key: str
    label: str
    visible: Callable[[object], QuerySet]
    text: str | Callable[[object], str]
    title: str | Callable[[object], str] = "title"
    url: str | Callable[[object], str] = _absolute_url
    browse_url: str = ""
    meta: Callable[[object], str] = _no_meta
    suggest_from: str = "title"

    def __post_init__(self):
        for name in ("title", "text", "url"):
            if isinstance(getattr(self, name), str):
                object.__setattr__(self, name, attrgetter(getattr(self, name)))


def _plain(*names):
    """The object's rich-text fields as the words a reader sees: tags dropped, entities
    decoded (escaped later)."""

    def text(obj):
        return html.unescape(strip_tags(" ".join(f"{getattr(obj, name)}" for name in names)))

    return text


def _events(user):
    # Wagtail's own visibility: published, and not behind a view restriction; translations
    # are shown on their page, not found beside it (network/platform/languages.py).
    return source_pages(EventPage.objects.live().public())


def _pages(user):
    return source_pages(StandardPage.objects.live().public())


def _indicator_url(indicator):
    return f"{reverse('gaps:indicators')}#indicator-{indicator.pk}"


KINDS = [
    SearchKind(
        key="organizations",
        label=_("Organizations"),
        # Applicants, declined and former organizations are not listed anywhere public.
        visible=lambda user: Organization.objects.members(),
        title="name",
        text="mandate",
        browse_url="/members/",
        meta=lambda o: " · ".join(filter(None, [o.acronym, choice_label(o, "kind")])),
        suggest_from="name",
    ),
    SearchKind(
        key="people",
        label=_("People"),
        visible=people_visible_to,
        title="name",
        text="bio",
        suggest_from="display_name",
    ),
    SearchKind(
        key="priorities",
        label=_("Research priorities"),
        # The agenda is public (network/agenda/selectors.py).
        visible=lambda user: ResearchPriority.objects.all(),
        text="rationale",
        browse_url="/agenda/",
        meta=lambda p: f"{choice_label(p, 'theme')} · {choice_label(p, 'status')}",
    ),
    SearchKind(
        key="gaps",
        label=_("Data gaps"),
        # The gap register is public (network/gaps/selectors.py).
        visible=lambda user: gap_filter(),
        text="description",
        browse_url="/gaps/",
        meta=lambda g: f"{choice_label(g, 'area')} · {choice_label(g, 'status')}",
    ),
    SearchKind(
        key="indicators",
        label=_("Indicators"),
        visible=lambda user: Indicator.objects.all(),
        title="name",
        text="definition",
        url=_indicator_url,
        browse_url="/gaps/indicators/",
        meta=attrgetter("unit"),
        suggest_from="name",
    ),
    SearchKind(
        key="projects",
        label=_("Projects"),
        # Drafts only for their team; only public fields are indexed (projects/models.py).
        visible=projects_visible_to,
        text="summary",
        browse_url="/projects/",
        meta=lambda p: choice_label(p, "status"),
    ),
    SearchKind(
        key="events",
        label=_("Events"),
        visible=_events,
        text=_plain("purpose", "expected_results"),
        url="url",
        browse_url="/events/",
        meta=lambda e: f"{choice_label(e, 'kind')} · {e.start:%d %B %Y}",
    ),
    SearchKind(
        key="publications",
        label=_("Publications"),
        visible=lambda user: Publication.objects.all(),
        text="summary",
        browse_url="/library/",
        meta=lambda p: f"{choice_label(p, 'type')} · {p.date_display}",
    ),
    SearchKind(
        key="groups",
        label=_("Working groups"),
        # Approved groups only, for everyone: a proposal is found on /groups/ by those it
        # concerns.
        visible=lambda user: WorkingGroup.objects.public(),
        title="name",
        text="mandate",
        browse_url="/groups/",
        meta=lambda g: choice_label(g, "status"),
        suggest_from="name",
    ),
    SearchKind(
        key="decisions",
        label=_("Decisions and action points"),
        # A restricted meeting's records only for staff and the responsible organizations'
        # people.
        visible=decisions_visible_to,
        title=lambda d: Truncator(d.text).chars(140),
        text="text",
        browse_url="/decisions/",
        meta=lambda d: f"{choice_label(d, 'kind')} · {choice_label(d, 'status')}",
        suggest_from="text",
    ),
    SearchKind(
        key="pages",
        label=_("Pages"),
        visible=_pages,
        text=_plain("intro", "body"),
        url="url",
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def viewer_variant(request):
    """What sets a searcher's results beyond their viewer class (network/platform/pagecache.py):
    themself, when their own visibility hides them from that class, their teams' draft
    projects and the restricted decisions their organizations answer for."""
    from members.enums import Visibility
    from members.rules import is_network_member
    from network.decisions.selectors import restricted_ids_visible_to
    from projects.selectors import draft_ids_visible_to

    user = request.user
    if not user.is_authenticated:
        return ""
    seen_by_class = user.visibility == Visibility.PUBLIC or (
        user.visibility == Visibility.MEMBERS and (user.is_staff or is_network_member(user))
    )
    own = "" if seen_by_class else f"self={user.pk}"
    return f"{own};drafts={draft_ids_visible_to(user)};decisions={restricted_ids_visible_to(user)}"


# Searches one client may run at once: enough for a person with two tabs, few enough that
# one client cannot hold every worker. Slots live in the shared cache (Redis in production),
# so the limit holds across workers; a slot whose worker died frees itself after SLOT_SECONDS.
CONCURRENT_SEARCHES = 2
SLOT_SECONDS = 30


class TooManySearches(Exception):
    """The client already runs CONCURRENT_SEARCHES searches."""


def _client_key(request):
    from allauth.core.internal.httpkit import get_client_ip

    # The signed-in person, else the address allauth's login throttle uses (it honours
    # TRUSTED_PROXY_COUNT, so behind nginx it is the client's, not nginx's).
    if request.user.is_authenticated:
        return f"search-slots:user:{request.user.pk}"
    try:
        address = get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For entries than trusted proxies
        address = request.META.get("REMOTE_ADDR")
    return f"search-slots:ip:{address}"


@contextmanager
def search_slot(request):
    """Hold one of the client's search slots while the block runs; raise TooManySearches
    when all are taken. The slot is given back however the block ends."""
    key = _client_key(request)
    cache.add(key, 0, SLOT_SECONDS)
    try:
        held = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, SLOT_SECONDS)
        held = 1
    cache.touch(key, SLOT_SECONDS)
    try:
        if held > CONCURRENT_SEARCHES:
            raise TooManySearches
        yield
    finally:
        try:
            if cache.decr(key) < 0:  # the key expired and came back while this one ran
                cache.set(key, 0, SLOT_SECONDS)
        except ValueError:  # expired while the search ran: nothing left to give back
            pass


def terms_of(query):
    return [t for t in TERM.findall(query.lower()) if len(t) > 1]


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


class Hits:
    """One kind's hits, in Wagtail search's order (rank, then newest pk): countable and
    sliceable into objects, as Paginator needs. Wagtail's own results, on SQLite.

    Only the first `count_limit` hits are counted and reachable: counting every match of a
    common word would take time in proportion to the tables. `more` says whether there are
    hits past them, which the page shows as "100+"."""

    def __init__(self, kind, query, user, count_limit=None):
        self.visible = kind.visible(user)
        self.results = get_search_backend().search(query, self.visible)
        self.count_limit = COUNT_LIMIT if count_limit is None else count_limit
        self._count = None
        self.more = False

    def _set_count(self, found):
        """`found`: the hits counted, up to one past the limit."""
        self.more = found > self.count_limit
        self._count = min(found, self.count_limit)

    def count(self):
        if self._count is None:
            self._set_count(self.results.count())
        return self._count

    def __getitem__(self, window):
        return list(self.results[window])

    def preview(self, size):
        """The first `size` hits; the count comes with them where the database allows."""
        self.count()
        return self[:size]


def parsed_tsquery(query, queryset):
    """Wagtail's tsquery for `query` (its terms, all required) as PostgreSQL normalizes it
    (stemmed, stop words dropped), as text; "" when only stop words are left, None when there
    is no term at all."""
    from wagtail.search.models import IndexEntry

    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, query)
    tsquery = compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))
    if tsquery is None:
        return None
    sql_query = Query(IndexEntry)
    sql, params = sql_query.get_compiler(connection=connection).compile(
        tsquery.resolve_expression(sql_query)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0]


class NoHits(Hits):
    """A query with no word left to search for (stop words only): nothing found, nothing
    asked of the database."""

    def __init__(self, kind, query, user, count_limit):
        self.count_limit = count_limit
        self._count = 0
        self.more = False

    def __getitem__(self, window):
        return []

    def preview(self, size):
        return []


class RankedHits(Hits):
    """A kind's hits on PostgreSQL, in Wagtail search's order, from our own SQL: the rows
    (content_type_id, object_id, score) of `_relation()` that are of the kind and that the
    searcher may see, best score first, then newest. Visibility is a semi-join on the visible
    primary keys; counting stops one past `count_limit`; only the requested window of ids
    leaves the database, and previews() asks every kind's first rows and count at once.

    The SQL is assembled from our own fragments and the visible queryset's compiled SQL;
    every value (words, weights, content types, limits) is a parameter."""

    def __init__(self, kind, query, user, count_limit):
        from wagtail.search.utils import get_descendants_content_types_pks

        self.visible = kind.visible(user)
        self.count_limit = count_limit
        self._count = None
        self.more = False
        self.content_types = list(get_descendants_content_types_pks(self.visible.model))

    def _relation(self):
        """The SQL of the candidate rows, and its params."""
        raise NotImplementedError

    @classmethod
    def shared(cls, hits):
        """A WITH clause, its params, and the relation that stands for `_relation()` in a
        query over all of `hits` (kinds of one search): by default none."""
        return "", [], None

    @cached_property
    def _visible_sql(self):
        compiler = self.visible.order_by().values("pk").query.get_compiler(connection=connection)
        return compiler.as_sql()

    def _matches(self, relation=None):
        """The FROM and WHERE of this kind's visible rows, and params."""
        relation_sql, relation_params = relation or self._relation()
        visible_sql, visible_params = self._visible_sql
        kinds = ", ".join(["%s"] * len(self.content_types))
        return (
            f"FROM {relation_sql} t WHERE t.content_type_id IN ({kinds}) "
            f"AND t.object_id IN ({visible_sql})",
            [*relation_params, *self.content_types, *visible_params],
        )

    def _window_sql(self, select, offset, limit, relation=None):
        matches, params = self._matches(relation)
        return (
            f"SELECT {select} {matches} ORDER BY t.score DESC, t.object_id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )

    def _count_sql(self, select, relation=None):
        matches, params = self._matches(relation)
        return (
            f"SELECT {select} FROM (SELECT 1 {matches} LIMIT %s) AS found",  # noqa: S608
            [*params, self.count_limit + 1],
        )

    def _preview_sql(self, n, size, relation):
        """The parts of previews() for this kind, the `n`th: its first `size` rows, each with
        the count of the first rows up to one past the limit (read in rank order, so the first
        `size` of them are the kind's best)."""
        top, params = self._window_sql("t.object_id, t.score", 0, self.count_limit + 1, relation)
        return [
            (
                f"SELECT {n}, object_id, count(*) OVER () FROM ({top}) AS top "  # noqa: S608
                "ORDER BY score DESC, object_id DESC LIMIT %s",
                [*params, size],
            )
        ]

    def count(self):
        if self._count is None:
            sql, params = self._count_sql("count(*)")
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self._set_count(cursor.fetchone()[0])
        return self._count

    def _objects(self, keys):
        """The objects of `keys` (found among the visible rows by this request's ranking
        query), in that order."""
        by_pk = self.visible.model._default_manager.in_bulk(keys)
        return [by_pk[key] for key in keys if key in by_pk]

    def __getitem__(self, window):
        offset = window.start or 0
        sql, params = self._window_sql("t.object_id", offset, window.stop - offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return self._objects([row[0] for row in cursor.fetchall()])

    def preview(self, size):
        return previews({"": self}, size)[""]


class IndexedHits(RankedHits):
    """A search of several words (or a phrase): the entries matching all of them, each ranked
    by PostgreSQL's ts_rank for the whole query, as Wagtail ranks them.

    Wagtail joins each kind's table to the index on `object_id = pk::varchar` and filters on
    `title || body`, which no index covers: the planner, misjudging how many rows match, ranks
    every entry of the kind against every row (seconds for a common word). Here the entries
    matching the query, parsed once, and their ranks come from `home_search_matches`
    (home/migrations/0005), which reads them through the GIN index on `title || body`; in
    previews() that is done once for every kind, not once per kind."""

    def __init__(self, kind, query, user, count_limit, tsquery):
        super().__init__(kind, query, user, count_limit)
        self.tsquery = tsquery

    def _relation(self):
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        return "home_search_matches(%s::tsquery, %s::real[])", [self.tsquery, get_sql_weights()]

    def _preview_sql(self, n, size, relation):
        """Every match is ranked to find the first rows: they come with the count of all."""
        return [self._window_sql(f"{n}, t.object_id, count(*) OVER ()", 0, size, relation)]

    @classmethod
    def shared(cls, hits):
        sql, params = next(iter(hits.values()))._relation()
        found = f"WITH found_entries AS MATERIALIZED (SELECT * FROM {sql}) "  # noqa: S608
        return found, params, ("found_entries", [])


# A tsquery of one lexeme, as PostgreSQL writes it: quoted, quotes doubled, no weights or
# prefix marks. A backslash (written doubled) is left to the general path.
ONE_LEXEME = re.compile(r"'((?:[^'\\]|'')+)'")
_term_ranks_ready = {}


def single_word(tsquery):
    """The lexeme of a one-word query (`labour` of `'labour'`), else None."""
    match = ONE_LEXEME.fullmatch(tsquery or "")
    return match[1].replace("''", "'") if match else None


def term_ranks_ready():
    """Whether home_search_term (home/migrations/0004) holds the ranks of the weights search
    ranks by now; once per process and database. When the boosts change, `migrate` refills it
    (home/apps.py), and until then searches take the general path."""
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    name = connection.settings_dict["NAME"]
    if name not in _term_ranks_ready:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('home_search_weights') IS NOT NULL")
            weights = None
            if cursor.fetchone()[0]:
                cursor.execute("SELECT weights FROM home_search_weights")
                weights = (cursor.fetchone() or [None])[0]
        _term_ranks_ready[name] = weights == get_sql_weights()
    return _term_ranks_ready[name]


class WordHits(RankedHits):
    """A one-word search's hits, in the same order, read from the word's ranks computed when
    each entry was indexed (home/migrations/0004): the best of a kind are the first rows of an
    index on (word, kind, rank, id) that the searcher may see, so the time does not grow with
    how many entries hold the word."""

    def __init__(self, kind, query, user, count_limit, word):
        super().__init__(kind, query, user, count_limit)
        self.word = word

    def _relation(self):
        return (
            "(SELECT content_type_id, object_id, score FROM home_search_term WHERE lexeme = %s)",
            [self.word],
        )


def _ranked_previews(hits, size):
    """previews() of RankedHits of one class: every kind's first rows and count in one
    UNION ALL of rows (kind, id or NULL, count or NULL)."""
    prefix, params, relation = type(next(iter(hits.values()))).shared(hits)
    params = list(params)
    parts = []
    for n, kind_hits in enumerate(hits.values()):
        for sql, part_params in kind_hits._preview_sql(n, size, relation):
            parts.append(f"({sql})")
            params += part_params
    keys = list(hits)
    rows = {key: [] for key in keys}
    with connection.cursor() as cursor:
        cursor.execute(prefix + " UNION ALL ".join(parts), params)
        for n, object_id, total in cursor.fetchall():
            if object_id is not None:
                rows[keys[n]].append(object_id)
            if total is not None:
                hits[keys[n]]._set_count(total)
    for kind_hits in hits.values():
        if kind_hits._count is None:  # no row: nothing found
            kind_hits._set_count(0)
    return {key: hits[key]._objects(rows[key]) for key in keys}


def previews(hits, size):
    """The first `size` hits of each kind ({key: Hits}), each kind's count known after. On
    PostgreSQL every kind's ranking and count is one UNION ALL query, not one per kind."""
    found = {}
    for cls in (WordHits, IndexedHits):
        of_class = {key: kind_hits for key, kind_hits in hits.items() if type(kind_hits) is cls}
        if of_class:
            found.update(_ranked_previews(of_class, size))
    found.update(
        (key, kind_hits.preview(size)) for key, kind_hits in hits.items() if key not in found
    )
    return found


def highlight(text, terms, length=SNIPPET_LENGTH):
    """A snippet of plain `text` around the first term, escaped, with the terms in <mark>."""
    plain = " ".join((text or "").split())
    if not plain:
        return ""
    lowered = plain.lower()
    positions = [lowered.find(t) for t in terms if lowered.find(t) >= 0]
    start = max(0, min(positions) - 60) if positions else 0
    window = plain[start : start + length]
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(plain) else ""
    escaped = escape(window)
    if not terms:
        return mark_safe(prefix + escaped + suffix)  # noqa: S308 -- escaped above
    pattern = re.compile(
        "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )
    # Terms are word characters only, so the escaped text's entities (&amp;...) are the
    # only place a term could wrongly match: leave them whole.
    parts = ENTITY.split(escaped)
    marked = "".join(
        part if ENTITY.fullmatch(part) else pattern.sub(r"<mark>\g<0></mark>", part)
        for part in parts
    )
    return mark_safe(prefix + marked + suffix)  # noqa: S308 -- escaped, then our own tags


# The apps of the records KINDS find, pages aside (every cached page depends on those:
# settings.PAGE_CACHE_SHELL): the cached search page depends on them.
RECORD_APPS = ["members", "agenda", "gaps", "projects", "events", "library", "groups", "decisions"]
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


def search_url(query, kind=""):
    from django.utils.http import urlencode

    params = {"q": query, **({"kind": kind} if kind else {})}
    return f"{reverse('search')}?{urlencode(params)}"
