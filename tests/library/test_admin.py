"""The Wagtail admin's create and edit views save publications through the services."""

import pytest
from wagtail.models import ModelLogEntry

from network.library.models import Publication
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db


def _form(org, **overrides):
    data = {
        "title": "Curated handbook",
        "slug": "curated-handbook",
        "type": "handbook",
        "publishers": [org.pk],
        "other_publishers": "",
        "year": "2005",
        "month": "",
        "summary": "What the handbook says.",
        "document": "",
        "source_document": "",
        "source_quote": "",
    }
    data.update(overrides)
    return data


def test_admin_publication_create_records_who_added_it(client, staff, org_a):
    client.force_login(staff)
    response = client.post("/admin/publications/new/", _form(org_a))
    assert response.status_code == 302
    publication = Publication.objects.get(slug="curated-handbook")
    assert publication.added_by == staff
    assert list(publication.publishers.all()) == [org_a]
    assert ModelLogEntry.objects.filter(
        object_id=str(publication.pk), action="wagtail.create", user=staff
    ).exists()


def test_admin_publication_edit_records_when_it_changed(client, staff, org_a):
    publication = PublicationFactory(title="Curated", publishers=[org_a])
    before = publication.updated_at
    client.force_login(staff)
    response = client.post(
        f"/admin/publications/edit/{publication.pk}/",
        _form(org_a, title="Curated again", slug=publication.slug),
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "Curated again"
    assert publication.updated_at > before
    assert ModelLogEntry.objects.filter(
        object_id=str(publication.pk), action="wagtail.edit", user=staff
    ).exists()


def test_admin_publication_slug_may_not_shadow_a_library_page(client, staff, org_a):
    publication = PublicationFactory(title="Curated", publishers=[org_a])
    slug = publication.slug
    client.force_login(staff)
    response = client.post(f"/admin/publications/edit/{publication.pk}/", _form(org_a, slug="feed"))
    assert response.status_code == 200
    assert "is the address of another page; choose another slug." in response.content.decode()
    publication.refresh_from_db()
    assert (publication.slug, publication.title) == (slug, "Curated")
    response = client.post("/admin/publications/new/", _form(org_a, slug="add"))
    assert response.status_code == 200
    assert not Publication.objects.filter(slug="add").exists()
