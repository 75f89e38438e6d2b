import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.library.models import Publication
from tests.factories import OrganizationFactory
from tests.factories.library import PublicationFactory

from .files import pdf_upload

pytestmark = pytest.mark.django_db

LIST = "/library/"


def _titles(response):
    return [p.title for p in response.context["page"].object_list]


def test_library_nav_link_on_every_page(client):
    response = client.get("/members/")
    assert '<a href="/library/">Library</a>' in response.content.decode()


def test_library_empty_state(client):
    response = client.get(LIST)
    assert response.status_code == 200
    assert "The library is empty so far." in response.content.decode()
    assert "Add a publication" not in response.content.decode()


def test_library_add_button_for_network_member(client, member_a):
    client.force_login(member_a)
    assert "Add a publication" in client.get(LIST).content.decode()


def test_library_filters_by_type_organization_year_region_country_language(client, org_a, org_b):
    PublicationFactory(
        title="Kosovo handbook",
        type="handbook",
        year=2005,
        regions=["south_eastern_europe"],
        countries=["XK"],
        languages=["en", "sq", "sh"],
        publishers=[org_a],
    )
    PublicationFactory(title="Russia report", type="report", year=2006, publishers=[org_b])
    PublicationFactory(title="Africa report", type="report", year=2009, regions=["africa"])
    assert _titles(client.get(LIST, {"type": "handbook"})) == ["Kosovo handbook"]
    assert _titles(client.get(LIST, {"organization": "agency-b"})) == ["Russia report"]
    assert _titles(client.get(LIST, {"year_from": 2006, "year_to": 2008})) == ["Russia report"]
    assert _titles(client.get(LIST, {"region": "south_eastern_europe"})) == ["Kosovo handbook"]
    assert _titles(client.get(LIST, {"country": "XK"})) == ["Kosovo handbook"]
    assert _titles(client.get(LIST, {"language": "sh"})) == ["Kosovo handbook"]
    assert _titles(client.get(LIST, {"q": "russia"})) == ["Russia report"]


def test_library_sorts_by_date_and_title(client):
    PublicationFactory(title="B study", year=2004)
    PublicationFactory(title="A study", year=2009)
    PublicationFactory(title="C study", year=None)
    assert _titles(client.get(LIST)) == ["A study", "B study", "C study"]
    assert _titles(client.get(LIST, {"sort": "oldest"})) == ["B study", "A study", "C study"]
    assert _titles(client.get(LIST, {"sort": "title"})) == ["A study", "B study", "C study"]


def test_library_unknown_filter_values_are_reported_not_500(client):
    PublicationFactory(title="Kept")
    response = client.get(
        LIST, {"type": "novel", "organization": "nobody", "year_from": "x", "sort": "';--"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Some filters were not understood and were ignored" in body
    assert _titles(response) == ["Kept"]


def test_library_no_match_empty_state(client):
    PublicationFactory(title="Kept", type="report")
    body = client.get(LIST, {"type": "questionnaire"}).content.decode()
    assert "No publication matches these filters." in body


def test_library_page_out_of_range(client):
    PublicationFactory()
    response = client.get(LIST, {"page": 99})
    assert response.status_code == 200
    assert "There is no page “99”: showing page 1 of 1." in response.content.decode()


def _count_queries(client, url):
    """The page's queries in the steady state: a first request fills the fragment caches (the
    filter's organization and gap choices) that a write empties; with another query string,
    so that the page cache does not answer the measured one."""
    assert client.get(url + ("&" if "?" in url else "?") + "warm=1").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_library_query_count_same_for_10_and_200(client, org_a, org_b):
    for _ in range(10):
        PublicationFactory(publishers=[org_a, org_b])
    few = _count_queries(client, LIST)
    assert few > 0
    other = OrganizationFactory()
    for _ in range(190):
        PublicationFactory(publishers=[org_a, other])
    assert _count_queries(client, LIST) == few
    assert _count_queries(client, LIST + "?page=5") == few


def test_publication_detail_shows_citation_and_not_online(client, org_a):
    publication = PublicationFactory(
        title="Let's talk",
        type="handbook",
        year=2005,
        languages=["en", "sq", "sh"],
        publishers=[org_a],
        other_publishers="UNICEF Kosovo Office",
    )
    body = client.get(publication.get_absolute_url()).content.decode()
    assert (
        "Agency A, &amp; UNICEF Kosovo Office. (2005). Let&#x27;s talk [Handbook]. "
        "http://testserver/library/study-" in body
    )
    assert "English, Albanian, Serbo-Croat" in body
    assert "Not available online. Ask the publishing organization for a copy." in body


def test_publication_detail_unknown_slug_404(client):
    assert client.get("/library/nothing-here/").status_code == 404


def test_publication_bibtex_download(client, org_a, org_b):
    publication = PublicationFactory(
        title="Trafficking & exploitation_in 100% of cases",
        slug="trafficking",
        type="book",
        year=2006,
        month=6,
        publishers=[org_b, org_a],
    )
    response = client.get(reverse("library:bibtex", args=[publication.slug]))
    assert response["Content-Type"] == "application/x-bibtex"
    assert response["Content-Disposition"] == 'attachment; filename="trafficking.bib"'
    assert response.content.decode() == (
        "@book{agency2006trafficking,\n"
        "  title = {{Trafficking \\& exploitation\\_in 100\\% of cases}},\n"
        "  author = {{Agency A} and {Agency B}},\n"
        "  year = {2006},\n"
        "  month = {6},\n"
        "  publisher = {Agency A},\n"
        "  url = {http://testserver/library/trafficking/}\n"
        "}\n"
    )


def test_publication_add_page_creates_with_document(client, focal_a, org_a):
    client.force_login(focal_a)
    response = client.get("/library/add/")
    assert response.status_code == 200
    response = client.post(
        "/library/add/",
        {
            "title": "Evaluation of Anti-trafficking Policies",
            "type": "evaluation",
            "publishers": [org_a.pk],
            "year": "2006",
            "summary": "An evaluation.",
            "languages": ["en", "sh"],
            "regions": ["south_eastern_europe"],
            "countries": ["RO"],
            "document": pdf_upload(),
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == publication.get_absolute_url()
    assert publication.languages == ["en", "sh"]
    assert publication.document.file_extension == "pdf"


def test_publication_add_page_wrong_file_type_message(client, focal_a, org_a):
    client.force_login(focal_a)
    response = client.post(
        "/library/add/",
        {
            "title": "Fake",
            "type": "report",
            "publishers": [org_a.pk],
            "summary": "x",
            "document": pdf_upload(name="fake.odt"),
        },
    )
    assert response.status_code == 200
    assert "The file is a PDF but its name ends in “.odt”." in response.content.decode()
    assert Publication.objects.count() == 0


def test_publication_add_page_refused_for_plain_user(client, plain_user):
    client.force_login(plain_user)
    assert client.get("/library/add/").status_code == 403


def test_publication_add_page_requires_login(client):
    response = client.get("/library/add/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_publication_edit_page_by_publisher(client, member_a, org_a):
    publication = PublicationFactory(publishers=[org_a], title="Old")
    client.force_login(member_a)
    response = client.post(
        f"/library/{publication.slug}/edit/",
        {"title": "New", "type": "report", "publishers": [org_a.pk], "summary": "s"},
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "New"


def test_publication_edit_page_refused_for_other_organization(client, focal_b, org_a):
    publication = PublicationFactory(publishers=[org_a], title="Old")
    client.force_login(focal_b)
    response = client.post(
        f"/library/{publication.slug}/edit/",
        {"title": "New", "type": "report", "publishers": [org_a.pk], "summary": "s"},
    )
    assert response.status_code == 403
    publication.refresh_from_db()
    assert publication.title == "Old"


def test_publication_delete_asks_confirmation_then_deletes(client, focal_a, org_a):
    publication = PublicationFactory(publishers=[org_a], title="Gone soon")
    client.force_login(focal_a)
    response = client.get(f"/library/{publication.slug}/delete/")
    assert "Remove “Gone soon” from the library?" in response.content.decode()
    assert Publication.objects.count() == 1
    response = client.post(f"/library/{publication.slug}/delete/")
    assert response["Location"] == "/library/"
    assert Publication.objects.count() == 0


def test_publication_delete_refused_for_other_organization(client, focal_b, org_a):
    publication = PublicationFactory(publishers=[org_a])
    client.force_login(focal_b)
    assert client.post(f"/library/{publication.slug}/delete/").status_code == 403
    assert Publication.objects.count() == 1


def test_admin_library_lists_and_edits_for_staff(client, staff, org_a):
    publication = PublicationFactory(title="Curated", publishers=[org_a])
    client.force_login(staff)
    index = client.get("/admin/publications/")
    assert index.status_code == 200
    assert "Curated" in index.content.decode()
    assert client.get("/admin/publications/new/").status_code == 200
    assert client.get(f"/admin/publications/edit/{publication.pk}/").status_code == 200


def test_admin_library_closed_to_network_members(client, focal_a):
    client.force_login(focal_a)
    response = client.get("/admin/publications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
