"""Publications inform data gaps and agenda priorities: linked in the form, shown both ways,
filterable, and seeded from the documents the network grew out of."""

import pytest
from django.core.management import call_command

from network.library.models import Publication
from tests.factories.gaps import DataGapFactory, PriorityFactory
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db


def test_publication_add_links_gaps_and_priorities(client, focal_a, org_a):
    gap = DataGapFactory(title="Re-trafficking is barely documented")
    priority = PriorityFactory(title="Re-trafficking")
    client.force_login(focal_a)
    response = client.post(
        "/library/add/",
        {
            "title": "Re-trafficking in South Eastern Europe",
            "type": "report",
            "publishers": [org_a.pk],
            "summary": "Patterns of re-trafficking.",
            "link": "https://example.org/re-trafficking.pdf",
            "gaps": [gap.pk],
            "priorities": [priority.pk],
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert list(publication.gaps.all()) == [gap]
    assert list(publication.priorities.all()) == [priority]

    detail = client.get(publication.get_absolute_url()).content.decode()
    assert f'href="/gaps/{gap.pk}/">Re-trafficking is barely documented</a>' in detail
    assert f'href="/agenda/{priority.pk}/">Re-trafficking</a>' in detail
    gap_page = client.get(f"/gaps/{gap.pk}/").content.decode()
    assert "Re-trafficking in South Eastern Europe" in gap_page


def test_library_filters_by_linked_gap(client):
    gap = DataGapFactory()
    linked = PublicationFactory(title="Linked study")
    linked.gaps.add(gap)
    PublicationFactory(title="Unrelated study")
    page = client.get(f"/library/?gap={gap.pk}").content.decode()
    assert "Linked study" in page
    assert "Unrelated study" not in page


def test_library_unknown_gap_filter_is_reported_and_ignored(client):
    PublicationFactory(title="Some study")
    response = client.get("/library/?gap=999999")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not understood and were ignored" in page
    assert "Some study" in page


def test_seed_links_publications_to_gaps_and_priorities_once(db):
    call_command("load_network_data", verbosity=0)
    europe = Publication.objects.get(title__startswith="Child Trafficking in Europe")
    assert europe.gaps.count() == 5
    assert europe.priorities.count() == 1
    links = sorted(Publication.gaps.through.objects.values_list("publication_id", "datagap_id"))
    europe.gaps.clear()  # an editor's change survives the next load
    call_command("load_network_data", verbosity=0)
    assert europe.gaps.count() == 0
    assert len(links) == 13
