"""Searches of several words rank every index entry matching all of them with PostgreSQL's
ts_rank for the whole query (home/search.py `IndexedHits`, home/migrations/0005): the same
hits, order and counts as Wagtail search itself gives, on the seed content and on content
whose ranks tie, for every kind of searcher; counts stop one past a limit and say so."""

import os

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from wagtail.search.backends import get_search_backend

from home import search as site_search
from tests.factories import MembershipFactory, UserFactory
from tests.factories.gaps import DataGapFactory
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the general path ranks with PostgreSQL's ts_rank"
)
# Two- and three-word queries, countries, organizations, a phrase the parser keeps whole, words
# found nowhere together, and stop words around words.
QUERIES = [
    "child trafficking",
    "labour exploitation",
    "forced labour",
    "forced labour children",
    "sexual exploitation",
    "data collection",
    "national referral mechanism",
    "Republic of Moldova",
    "North Macedonia",
    "UNICEF Innocenti Research Centre",
    "International Organization for Migration",
    "Labour report",
    "begging survey",
    "twin labour report",
    "O'Brien",
    "forced marriage",
    "the labour of the children",
]


@pytest.fixture
def network(db):
    """The seed content and, on top, entries whose ranks for the queries differ and tie."""
    call_command("load_network_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    for n in range(24):
        PublicationFactory(
            title=f"Labour report {n}" if n % 3 else f"Begging survey {n}",
            summary=" ".join(["forced labour of children"] * (n % 4 + 1)) + " and begging.",
        )
    PublicationFactory(title="O'Brien on child trafficking", summary="Labour exploitation.")
    for n in range(4):  # the same words in the same places: the same rank
        PublicationFactory(title="Twin labour report", summary=f"Twin {'study ' * (n // 2)}.")
    PublicationFactory(title="Report on twin labour and twin labour", summary="Twin.")
    for n in range(5):
        DataGapFactory(title=f"Labour exploitation gap {n}", description="Forced labour." * n)
    for visibility in ["public", "members", "hidden"]:
        UserFactory(
            display_name=f"Forced labour {visibility} researcher",
            bio="Child trafficking and labour exploitation.",
            visibility=visibility,
        )


def _searchers():
    member = MembershipFactory().user
    return [AnonymousUser(), member, UserFactory(is_staff=True)]


def _wagtail(kind, query, user):
    """Wagtail search's own hits of the kind, in its order (rank, then newest)."""
    return [obj.pk for obj in get_search_backend().search(query, kind.visible(user))]


def _beside_wagtail(count_limit, size=0):
    """For each searcher, query and kind: where, its hits, its first `size` hits from
    previews(), and Wagtail search's own hits."""
    for user in _searchers():
        for query in QUERIES:
            hits = site_search.search_kinds(query, user, count_limit)
            previews = site_search.previews(hits, size) if size else {}
            for kind in site_search.KINDS:
                expected = _wagtail(kind, query, user)
                yield (query, kind.key), hits[kind.key], previews.get(kind.key), expected


@postgresql_only
def test_several_words_give_wagtails_hits_in_its_order(network):
    compared = 0
    for where, hits, _, expected in _beside_wagtail(1000):
        assert isinstance(hits, site_search.IndexedHits), where
        assert hits.count() == len(expected), where
        assert [o.pk for o in hits[0:1000]] == expected, where
        assert [o.pk for o in hits[3:8]] == expected[3:8], where
        compared += len(expected)
    assert compared >= 300


@postgresql_only
def test_several_words_previews_and_counts_match_wagtail_past_the_limit(network):
    limited = 0
    for where, hits, preview, expected in _beside_wagtail(4, 3):
        assert [o.pk for o in preview] == expected[:3], where
        assert hits.count() == min(len(expected), 4), where
        assert hits.more == (len(expected) > 4), where
        limited += hits.more
    assert limited >= 10


@postgresql_only
def test_several_words_rank_by_ts_rank_of_the_whole_query_ties_newest_first(network):
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    with connection.cursor() as cursor:
        # Wagtail's title norm follows the mean title length when the entry was written: set
        # it alike, and the twins' entries rank the same.
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET title_norm = 1 WHERE title @@ 'twin'::tsquery"
        )
    user = UserFactory()
    hits = site_search.search_kinds("twin labour report", user, 1000)["publications"]
    found = [o.pk for o in hits[0:1000]]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id::bigint, ts_rank(%s::real[], title, %s::tsquery) * title_norm "
            "+ ts_rank(%s::real[], body, %s::tsquery) FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ %s::tsquery",
            [get_sql_weights(), hits.tsquery] * 2 + [hits.tsquery],
        )
        score = dict(cursor.fetchall())
    assert set(found) <= set(score) and len(found) == 5
    assert found == sorted(found, key=lambda pk: (-score[pk], -pk))
    assert len({score[pk] for pk in found}) == 2  # the twins tie, the other report aside


@postgresql_only
@pytest.mark.parametrize("query", ["the and of", "a"])
def test_stop_words_only_find_nothing_without_asking(network, query, django_assert_num_queries):
    assert site_search.parsed_tsquery(query, site_search.KINDS[0].visible(AnonymousUser())) in (
        "",
        None,
    )
    user = AnonymousUser()
    hits = site_search.search_kinds(query, user)
    assert all(_wagtail(kind, query, user) == [] for kind in site_search.KINDS)
    with django_assert_num_queries(0):
        assert site_search.previews(hits, 5) == {kind.key: [] for kind in site_search.KINDS}
        assert [hits[kind.key].count() for kind in site_search.KINDS] == [0] * 11
