"""A hit's card (home/search/cards.py): read from the cache when its app was not written since,
read anew after a write, and never a way around visibility."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.search.kinds import RECORD_APPS
from network.platform.pagecache import TRACKED_APPS
from tests.factories import UserFactory
from tests.factories.gaps import DataGapFactory
from tests.factories.groups import WorkingGroupFactory
from tests.search.test_search import URL, _titles

pytestmark = pytest.mark.django_db


def test_every_app_search_finds_records_of_is_tracked():
    """A card (and the cached search page) is kept under its app's version: an app whose
    writes bump none would show a renamed record under its old name."""
    assert set(RECORD_APPS) <= TRACKED_APPS


def test_a_renamed_gap_reads_anew_in_search(client):
    gap = DataGapFactory(title="Zanzibar labour gap", description="Forced labour data.")
    assert _titles(client.get(URL, {"q": "zanzibar"}), "gaps") == ["Zanzibar labour gap"]
    gap.title = "Zanzibar labour gap, renamed"
    gap.save()
    assert _titles(client.get(URL, {"q": "zanzibar"}), "gaps") == ["Zanzibar labour gap, renamed"]


def test_a_renamed_group_reads_anew_in_search(client):
    group = WorkingGroupFactory(name="Quokka data group", mandate="Quokka evidence.")
    assert _titles(client.get(URL, {"q": "quokka"}), "groups") == ["Quokka data group"]
    group.name = "Quokka evidence group"
    group.save()
    assert _titles(client.get(URL, {"q": "quokka"}), "groups") == ["Quokka evidence group"]


def test_a_person_who_hides_leaves_search_though_their_card_is_kept(client):
    person = UserFactory(display_name="Zebulon Quill", bio="Labour.", visibility="public")
    assert _titles(client.get(URL, {"q": "quill"}), "people") == ["Zebulon Quill"]
    person.visibility = "hidden"
    person.save(update_fields=["visibility"])
    assert _titles(client.get(URL, {"q": "quill"}), "people") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cards are read on PostgreSQL")
def test_a_second_search_reads_the_cards_not_the_records(client):
    for n in range(6):
        DataGapFactory(title=f"Zanzibar gap {n}", description="Zanzibar labour data.")
    first = client.get(URL, {"q": "zanzibar"})
    with CaptureQueriesContext(connection) as queries:
        second = client.get(URL, {"q": "zanzibar"})
    assert _titles(second, "gaps") == _titles(first, "gaps")
    assert len(_titles(second, "gaps")) == 5
    assert not [q for q in queries.captured_queries if '"gaps_datagap"."title"' in q["sql"]]
