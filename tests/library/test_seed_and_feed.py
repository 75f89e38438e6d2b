import xml.etree.ElementTree as ET

import pytest

from members import seed as members_seed
from network.library import seed
from network.library.models import Publication
from network.platform import sources
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db


def _channel(response):
    return ET.fromstring(response.content).find("channel")  # noqa: S314 -- our own feed


def test_seed_loads_17_publications_once():
    members_seed.load()
    assert seed.load() == 17
    assert seed.load() == 0
    assert Publication.objects.count() == 17


def test_seed_leaves_edits_alone():
    members_seed.load()
    seed.load()
    Publication.objects.filter(slug="trafficking-in-children-in-kosovo").update(summary="Edited")
    seed.load()
    assert Publication.objects.get(slug="trafficking-in-children-in-kosovo").summary == "Edited"


def test_seed_publishers_years_and_languages():
    members_seed.load()
    seed.load()
    handbook = Publication.objects.get(slug__startswith="lets-talk")
    assert handbook.languages == ["en", "sq", "sh"]
    assert handbook.language_names == ["English", "Albanian", "Serbo-Croat"]
    assert handbook.other_publishers == "UNICEF Kosovo Office"
    see = Publication.objects.get(title="Trafficking in Human Beings in South Eastern Europe 2004")
    assert see.year == 2004
    # The list names "UNICEF", not one of its offices.
    assert sorted(see.publishers.values_list("slug", flat=True)) == ["ohchr", "osce-odihr"]
    assert see.other_publishers == "UNICEF"
    assert see.source_document == sources.PUBLICATIONS_LIST
    guide = Publication.objects.get(slug__startswith="reference-guide")
    assert (list(guide.publishers.all()), guide.other_publishers) == ([], "UNICEF")
    # The list says when the report was commissioned (2001/2002), not when it was published.
    assert (
        Publication.objects.get(slug="trafficking-in-human-beings-in-southeastern-europe").year
        is None
    )
    russia = Publication.objects.get(title="Human Trafficking in the Russian Federation")
    assert list(russia.publishers.all()) == []
    iom = Publication.objects.get(title="Human Trafficking: New Directions for Research")
    assert (iom.year, list(iom.publishers.values_list("slug", flat=True))) == (2009, ["iom"])
    guidelines = Publication.objects.get(
        title="Guidelines on the Protection of Child Victims of Trafficking"
    )
    assert guidelines.date_display == "October 2006"


def test_publications_feed_is_rss_linking_back(client, org_a):
    PublicationFactory(title="Older", slug="older", publishers=[org_a])
    PublicationFactory(title="Newer <b>bold</b>", slug="newer")
    response = client.get("/feeds/publications/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = _channel(response)
    assert channel.findtext("link") == "http://testserver/library/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Newer <b>bold</b>", "Older"]
    assert [i.findtext("link") for i in items] == [
        "http://testserver/library/newer/",
        "http://testserver/library/older/",
    ]


def test_events_feed_lists_upcoming_live_events_only(client):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import EventIndexPage, EventPage
    from home import seed as home_seed

    home_seed.load()
    index = EventIndexPage.objects.first()
    if index is None:
        from home.models import HomePage

        index = HomePage.objects.first().add_child(instance=EventIndexPage(title="Events"))
    start = timezone.now() + timedelta(days=30)
    index.add_child(
        instance=EventPage(
            title="Future workshop",
            slug="future",
            kind="expert_workshop",
            start=start,
            end=start + timedelta(days=1),
            city="Oslo",
            country="NO",
        )
    )
    draft = EventPage(
        title="Draft workshop",
        slug="draft",
        kind="expert_workshop",
        start=start,
        end=start + timedelta(days=1),
        live=False,
    )
    index.add_child(instance=draft)
    index.add_child(
        instance=EventPage(
            title="Past workshop",
            slug="past",
            kind="expert_workshop",
            start=start - timedelta(days=400),
            end=start - timedelta(days=399),
        )
    )
    response = client.get("/feeds/events/")
    assert response.status_code == 200
    items = _channel(response).findall("item")
    assert [i.findtext("title") for i in items] == ["Future workshop"]
    assert items[0].findtext("link") == "http://testserver" + index.url + "future/"
    assert "Oslo, Norway" in items[0].findtext("description")
