"""Wagtail's routing facts, remembered per process (network/platform/pagetree.py): a page is
routed without reading the page tree again, and every write to pages is seen at once."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from network.platform import pagetree
from tests.factories.events import EventPageFactory, events_index

pytestmark = pytest.mark.django_db

TREE_TABLES = ("wagtailcore_site", "wagtailcore_locale", "wagtailcore_pageviewrestriction")


def _tree_queries(client, url):
    """The response, and the queries of the request that read sites, locales, restrictions
    or the page rows that routing reads (by path or slug)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    tree = [
        q["sql"]
        for q in queries.captured_queries
        if any(table in q["sql"] for table in TREE_TABLES)
        or ('"wagtailcore_page"."slug" =' in q["sql"])
    ]
    return response, tree


@pytest.fixture
def about():
    index = events_index()
    return index.get_parent().add_child(
        instance=StandardPage(title="About the network", slug="about-tree", intro="Who we are.")
    )


def test_a_page_is_routed_once_then_from_memory(client, about):
    EventPageFactory(title="Spring workshop", slug="spring")
    for url in ("/about-tree/", "/events/", "/events/spring/"):
        first, _ = _tree_queries(client, url)
        again, tree = _tree_queries(client, url)
        assert first.status_code == again.status_code == 200, url
        assert tree == [], (url, tree)
    assert "Spring workshop" in again.content.decode()


def test_an_edited_page_is_served_as_edited_at_once(client, about):
    assert "About the network" in client.get("/about-tree/").content.decode()
    about.title = "About us"
    about.save_revision().publish()
    assert "About us" in client.get("/about-tree/").content.decode()


def test_a_moved_or_unpublished_page_is_gone_at_once(client, about):
    assert client.get("/about-tree/").status_code == 200
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/about-tree/").status_code == 404
    assert client.get("/who-we-are/").status_code == 200
    about.unpublish()
    assert client.get("/who-we-are/").status_code == 404


def test_an_unknown_path_stays_unknown_until_the_page_exists(client, about):
    assert client.get("/tree-contact/").status_code == 404
    about.get_parent().add_child(instance=StandardPage(title="Contact", slug="tree-contact"))
    assert client.get("/tree-contact/").status_code == 200


def test_a_new_restriction_applies_at_once_everywhere(client, member_a):
    event = EventPageFactory(title="Closed meeting", slug="closed")
    assert client.get("/events/closed/").status_code == 200
    assert "Closed meeting" in client.get("/events/").content.decode()
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/events/closed/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/events/closed/"
    # Lists leave it out (public() over the remembered restrictions)...
    assert "Closed meeting" not in client.get("/events/").content.decode()
    # ...and a signed-in member, whom a login restriction lets through, is served it.
    client.force_login(member_a)
    assert client.get("/events/closed/").status_code == 200


def test_each_request_gets_its_own_page_object(rf, about, monkeypatch):
    """Views may annotate the page they serve: the remembered page is never handed out."""
    served = []

    def view(page, request):
        served.append((page, getattr(page, "marked", False)))
        page.marked = True
        return HttpResponse("ok")

    monkeypatch.setattr(StandardPage, "serve", view)
    for _ in range(2):
        request = rf.get("/about-tree/")
        request.user = AnonymousUser()
        assert pagetree.serve(request, "about-tree/").status_code == 200
    (first, _), (second, marked_before) = served
    assert first is not second and first.pk == second.pk == about.pk
    assert not marked_before
