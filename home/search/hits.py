"""Each kind's hits, ranked: Wagtail's search on SQLite, our term and match tables on PostgreSQL."""

import re
from functools import cached_property

from django.db import connection
from django.db.models.sql import Query
from wagtail.search.backends import get_search_backend

from .cards import card, cards_of


class Hits:
    """One kind's hits, in Wagtail search's order (rank, then newest pk): countable and
    sliceable into cards (home/search/cards.py), as Paginator needs. Wagtail's own results,
    on SQLite.

    Only the first `count_limit` hits are counted and reachable: counting every match of a
    common word would take time in proportion to the tables. `more` says whether there are
    hits past them, which the page shows as "100+"."""

    def __init__(self, kind, query, user, count_limit):
        self.kind = kind
        self.visible = kind.visible(user)
        self.results = get_search_backend().search(query, self.visible)
        self.count_limit = count_limit
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
        return [card(self.kind, obj) for obj in self.results[window]]

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

        self.kind = kind
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

    def _wanted(self, keys):
        return (self.kind, self.visible.model, keys)

    def _objects(self, keys):
        """The cards of `keys` (found among the visible rows by this request's ranking
        query), in that order."""
        return cards_of({"": self._wanted(keys)})[""]

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


def _of_each_class(hits, wanted=lambda kind_hits: True):
    """The RankedHits among `hits` ({key: Hits}) that `wanted` keeps, a dict per class: the
    kinds one UNION ALL query can serve (they share its WITH clause)."""
    for cls in (WordHits, IndexedHits):
        of_class = {
            key: kind_hits
            for key, kind_hits in hits.items()
            if type(kind_hits) is cls and wanted(kind_hits)
        }
        if of_class:
            yield of_class


def _union_all(hits, parts_of):
    """The rows of one UNION ALL over RankedHits of one class ({key: Hits}): `parts_of(n,
    kind_hits, relation)` gives the (sql, params) parts of the `n`th kind; each row starts
    with that n."""
    prefix, params, relation = type(next(iter(hits.values()))).shared(hits)
    params = list(params)
    parts = []
    for n, kind_hits in enumerate(hits.values()):
        for sql, part_params in parts_of(n, kind_hits, relation):
            parts.append(f"({sql})")
            params += part_params
    with connection.cursor() as cursor:
        cursor.execute(prefix + " UNION ALL ".join(parts), params)
        return cursor.fetchall()


def counts(hits):
    """Each kind's count ({key: Hits} -> {key: int}). On PostgreSQL the kinds not counted yet
    are counted in one UNION ALL query, not one per kind."""
    for of_class in _of_each_class(hits, lambda kind_hits: kind_hits._count is None):
        keys = list(of_class)
        rows = _union_all(
            of_class,
            lambda n, kind_hits, relation: [kind_hits._count_sql(f"{n}, count(*)", relation)],
        )
        for n, total in rows:
            of_class[keys[n]]._set_count(total)
    return {key: kind_hits.count() for key, kind_hits in hits.items()}


def _ranked_previews(hits, size):
    """previews() of RankedHits of one class: every kind's first rows and count in one
    UNION ALL of rows (kind, id or NULL, count or NULL)."""
    keys = list(hits)
    rows = {key: [] for key in keys}
    found = _union_all(
        hits, lambda n, kind_hits, relation: kind_hits._preview_sql(n, size, relation)
    )
    for n, object_id, total in found:
        if object_id is not None:
            rows[keys[n]].append(object_id)
        if total is not None:
            hits[keys[n]]._set_count(total)
    for kind_hits in hits.values():
        if kind_hits._count is None:  # no row: nothing found
            kind_hits._set_count(0)
    return cards_of({key: hits[key]._wanted(rows[key]) for key in keys})


def previews(hits, size):
    """The first `size` hits of each kind ({key: Hits}), each kind's count known after. On
    PostgreSQL every kind's ranking and count is one UNION ALL query, not one per kind."""
    found = {}
    for of_class in _of_each_class(hits):
        found.update(_ranked_previews(of_class, size))
    found.update(
        (key, kind_hits.preview(size)) for key, kind_hits in hits.items() if key not in found
    )
    return found
