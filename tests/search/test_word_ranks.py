"""One-word searches read each word's rank stored when the entry was indexed
(home/migrations/0004, home/search.py `WordHits`); counts stop one past a limit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import search as site_search
from tests.factories import UserFactory
from tests.factories.gaps import DataGapFactory
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db

URL = "/search/"
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored ranks are PostgreSQL's"
)


def _content():
    for n in range(12):
        PublicationFactory(
            title=f"Labour report {n}" if n % 3 else f"Begging survey {n}",
            summary=" ".join(["forced labour"] * (n % 4 + 1)) + " and begging.",
        )
    for n in range(4):
        DataGapFactory(title=f"Labour gap {n}", description="Labour data." * n)
    UserFactory(display_name="Labour researcher", bio="Labour and begging.", visibility="public")
    UserFactory(display_name="Hidden labour", bio="Labour.", visibility="hidden")


@postgresql_only
@pytest.mark.parametrize("word", ["labour", "begging", "survey", "forced"])
def test_word_ranks_give_the_general_paths_hits_in_its_order(word):
    _content()
    user = UserFactory()
    tsquery = site_search.parsed_tsquery(word, site_search.KINDS[0].visible(user))
    lexeme = site_search.single_word(tsquery)
    assert lexeme and site_search.term_ranks_ready()
    compared = 0
    for kind in site_search.KINDS:
        words = site_search.WordHits(kind, word, user, 1000, lexeme)
        general = site_search.IndexedHits(kind, word, user, 1000, tsquery)
        assert words.count() == general.count()
        assert [o.pk for o in words[0:1000]] == [o.pk for o in general[0:1000]]
        compared += words.count()
    assert compared >= 4
    assert isinstance(site_search.search_kinds(word, user)["publications"], site_search.WordHits)


@postgresql_only
def test_word_ranks_follow_writes_and_odd_words():
    # Words the parser keeps whole with punctuation in them (`back-slash`, a URL) are ranked too.
    publication = PublicationFactory(
        title="Wombat study", summary="O'Brien's \\ back-slash at https://example.org/a?b=c"
    )
    assert _titles("wombat") == ["Wombat study"]
    publication.title = "Platypus study"
    publication.save()
    assert _titles("wombat") == []
    assert _titles("platypus") == ["Platypus study"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM home_search_term WHERE lexeme LIKE '%%-%%'")
        assert cursor.fetchone()[0] >= 1
    publication.delete()
    assert _titles("platypus") == []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM home_search_term t WHERE NOT EXISTS (SELECT 1 FROM "
            "wagtailsearch_indexentry e WHERE e.content_type_id = t.content_type_id "
            "AND e.object_id = t.object_id::text)"
        )
        assert cursor.fetchone()[0] == 0


def _titles(word):
    from django.test import Client

    response = Client().get(URL, {"q": word, "kind": "publications"})
    return [hit["title"] for hit in response.context["groups"][0]["hits"]]


@pytest.mark.parametrize("query", ["narwhal", "narwhal migration"])
def test_counts_stop_past_the_limit_and_say_so(client, monkeypatch, query):
    # One word reads the stored ranks; two are ranked whole (tests/search/test_phrase_ranks.py).
    monkeypatch.setattr(site_search, "COUNT_LIMIT", 6)
    monkeypatch.setattr(site_search, "KIND_COUNT_LIMIT", 8)
    for n in range(10):
        PublicationFactory(title=f"Narwhal migration report {n}")
    for n in range(3):
        DataGapFactory(title=f"Narwhal migration gap {n}")
    response = client.get(URL, {"q": query})
    body = response.content.decode()
    groups = {group["kind"].key: group for group in response.context["groups"]}
    assert (groups["publications"]["count"], groups["publications"]["more"]) == (6, True)
    assert (groups["gaps"]["count"], groups["gaps"]["more"]) == (3, False)
    assert f"More than 9 results for “{query}”" in body
    assert 'Publications <span class="muted">(6+)</span>' in body
    assert "See all 6+ publications" in body
    response = client.get(URL, {"q": query, "kind": "publications"})
    (group,) = response.context["groups"]
    assert (group["count"], group["more"], len(group["hits"])) == (8, True, 8)


def _count_queries(client, params):
    client.get(URL, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_word_search_queries_same_for_few_and_many_matches(client):
    for n in range(3):
        PublicationFactory(title=f"Manatee study {n}")
    few = _count_queries(client, {"q": "manatee"})
    few_kind = _count_queries(client, {"q": "manatee", "kind": "publications"})
    for n in range(120):
        PublicationFactory(title=f"Manatee report {n}")
    assert _count_queries(client, {"q": "manatee"}) == few
    assert _count_queries(client, {"q": "manatee", "kind": "publications"}) == few_kind
