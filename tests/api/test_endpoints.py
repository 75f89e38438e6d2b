import csv
import io

import pytest

from members.enums import OrganizationStatus
from network.gaps.models import Country, SubRegion
from network.library.models import Publication
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _slugs(response):
    return [item["slug"] for item in response.json()["results"]]


# Organizations


def test_organizations_lists_members_only_with_pagination(client, db):
    for n in range(3):
        OrganizationFactory(name=f"Member {n}", slug=f"member-{n}")
    OrganizationFactory(name="Applicant", slug="applicant", status=OrganizationStatus.APPLICANT)
    response = client.get(f"{API}/organizations", {"limit": 2, "offset": 1})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["limit"], body["offset"]) == (3, 2, 1)
    assert _slugs(response) == ["member-1", "member-2"]
    assert body["results"][0]["url"] == "http://testserver/members/member-1/"


def test_organizations_filters(client, db):
    OrganizationFactory(slug="ngo-al", kind="ngo", countries=["AL"], headquarters_country="IT")
    OrganizationFactory(slug="un-ua", kind="un_agency", countries=["UA"], headquarters_country="CH")
    assert _slugs(client.get(f"{API}/organizations", {"kind": "un_agency"})) == ["un-ua"]
    assert _slugs(client.get(f"{API}/organizations", {"country": "ua"})) == ["un-ua"]


@pytest.mark.parametrize(
    "params",
    [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"kind": "cartel"}, {"country": "ALB"}],
)
def test_organizations_bad_input_is_400_with_detail(client, params):
    response = client.get(f"{API}/organizations", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid input — ")


def test_organization_detail_and_404_for_applicant(client, db):
    OrganizationFactory(slug="member")
    OrganizationFactory(slug="applicant", status=OrganizationStatus.APPLICANT)
    assert client.get(f"{API}/organizations/member").json()["slug"] == "member"
    response = client.get(f"{API}/organizations/applicant")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_organizations_csv_export(client, db):
    OrganizationFactory(slug="csv-org", name="=HYPERLINK(evil)", countries=["AL", "MD"])
    response = client.get(f"{API}/organizations/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["slug"], r["name"], r["countries"]) for r in rows] == [
        ("csv-org", "'=HYPERLINK(evil)", "AL;MD")
    ]


# Countries


def test_countries_with_sub_region_and_filter(client, db):
    see = SubRegion.objects.create(name="South-Eastern Europe", slug="see")
    cis = SubRegion.objects.create(name="CIS", slug="cis")
    Country.objects.create(code="AL", sub_region=see)
    Country.objects.create(code="UA", sub_region=cis)
    Country.objects.create(code="XK", sub_region=see, study_name="Kosovo (UN-administered)")
    response = client.get(f"{API}/countries", {"sub_region": "see"})
    assert response.json()["results"] == [
        {
            "code": "AL",
            "name": "Albania",
            "study_name": "",
            "sub_region": "see",
            "sub_region_name": "South-Eastern Europe",
        },
        {
            "code": "XK",
            "name": "Kosovo (UN-administered)",
            "study_name": "Kosovo (UN-administered)",
            "sub_region": "see",
            "sub_region_name": "South-Eastern Europe",
        },
    ]
    assert client.get(f"{API}/countries", {"limit": 1}).json()["count"] == 3
    rows = client.get(f"{API}/countries/export.csv").content.decode().splitlines()
    assert rows[0] == "code,name,study_name,sub_region,sub_region_name"
    assert len(rows) == 4


# People


@pytest.fixture
def people(org_a):
    return {
        visibility: MembershipFactory(
            organization=org_a,
            user=UserFactory(display_name=f"{visibility} person", visibility=visibility),
        ).user
        for visibility in ["public", "members", "hidden"]
    }


def _names(response):
    return sorted(item["name"] for item in response.json()["results"])


def test_people_anonymous_sees_public_only(client, people):
    assert _names(client.get(f"{API}/people")) == ["public person"]


def test_people_network_member_token_sees_members_not_hidden(client, people, bearer):
    response = client.get(f"{API}/people", **bearer(people["public"]))
    assert _names(response) == ["members person", "public person"]


def test_people_staff_token_never_sees_hidden(client, people, staff, bearer):
    names = _names(client.get(f"{API}/people", **bearer(staff)))
    assert "hidden person" not in names


def test_people_hidden_person_sees_themselves(client, people, bearer):
    names = _names(client.get(f"{API}/people", **bearer(people["hidden"])))
    assert names == ["hidden person", "members person", "public person"]


def test_people_csv_export_applies_visibility(client, people):
    body = client.get(f"{API}/people/export.csv").content.decode()
    assert "public person" in body
    assert "members person" not in body
    assert "hidden person" not in body


def test_people_filter_by_organization(client, people, org_b):
    MembershipFactory(organization=org_b, user=UserFactory(display_name="b person"))
    response = client.get(f"{API}/people", {"organization": "agency-b"})
    assert _names(response) == ["b person"]
    assert response.json()["results"][0]["organizations"] == ["agency-b"]


# Events


def test_events_lists_live_public_with_when_filter(client, db):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import EventIndexPage, EventPage
    from home.models import HomePage
    from home.seed import load

    load()
    index = EventIndexPage.objects.first() or HomePage.objects.first().add_child(
        instance=EventIndexPage(title="Events", slug="events-api")
    )
    now = timezone.now()
    for slug, offset, live in [("future", 30, True), ("past", -400, True), ("draft", 30, False)]:
        index.add_child(
            instance=EventPage(
                title=slug,
                slug=slug,
                kind="conference",
                start=now + timedelta(days=offset),
                end=now + timedelta(days=offset + 1),
                live=live,
            )
        )
    assert _slugs(client.get(f"{API}/events", {"when": "upcoming"})) == ["future"]
    assert _slugs(client.get(f"{API}/events", {"when": "past"})) == ["past"]
    assert _slugs(client.get(f"{API}/events")) == ["future", "past"]
    assert client.get(f"{API}/events", {"when": "someday"}).status_code == 400
    assert "draft" not in client.get(f"{API}/events/export.csv").content.decode()


# Publications


def test_publications_filters_like_the_page(client, org_a):
    PublicationFactory(
        slug="kosovo",
        type="handbook",
        year=2005,
        regions=["south_eastern_europe"],
        countries=["XK"],
        languages=["en", "sh"],
        publishers=[org_a],
    )
    PublicationFactory(slug="russia", type="report", year=2006)
    url = f"{API}/publications"
    assert _slugs(client.get(url, {"type": "handbook"})) == ["kosovo"]
    assert _slugs(client.get(url, {"organization": "agency-a"})) == ["kosovo"]
    assert _slugs(client.get(url, {"year_from": 2006})) == ["russia"]
    assert _slugs(client.get(url, {"region": "south_eastern_europe"})) == ["kosovo"]
    assert _slugs(client.get(url, {"country": "xk"})) == ["kosovo"]
    assert _slugs(client.get(url, {"language": "sh"})) == ["kosovo"]
    assert _slugs(client.get(url, {"sort": "title"})) == ["kosovo", "russia"]
    item = client.get(url, {"type": "handbook"}).json()["results"][0]
    assert item["publishers"] == ["agency-a"]
    assert item["languages"] == ["en", "sh"]
    assert item["document_url"] is None


@pytest.mark.parametrize(
    "params",
    [{"type": "novel"}, {"year_from": "x"}, {"region": "mars"}, {"sort": "random"}, {"limit": 500}],
)
def test_publications_bad_filters_are_400(client, params):
    response = client.get(f"{API}/publications", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid input — ")


def test_publication_detail_404_with_detail(client):
    response = client.get(f"{API}/publications/nothing")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such publication."}


def test_publications_list_query_count_constant(client, org_a, org_b):
    for _ in range(3):
        PublicationFactory(publishers=[org_a, org_b])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(f"{API}/publications")
    for _ in range(60):
        PublicationFactory(publishers=[org_a])
    with CaptureQueriesContext(connection) as many:
        client.get(f"{API}/publications", {"limit": 100})
    assert len(many) == len(few)


NEW = {
    "title": "Trafficking of men",
    "type": "report",
    "summary": "Belarus and Ukraine.",
    "publishers": ["agency-a"],
    "year": 2008,
    "countries": ["by", "UA"],
    "regions": ["cis"],
    "languages": ["en", "ru"],
    "link": "https://publications.iom.int/",
}


def test_publication_create_by_member_token(client, member_a, bearer):
    response = client.post(
        f"{API}/publications", NEW, content_type="application/json", **bearer(member_a)
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["slug"], body["publishers"], body["countries"]) == (
        "trafficking-of-men",
        ["agency-a"],
        ["BY", "UA"],
    )
    publication = Publication.objects.get()
    assert publication.added_by == member_a
    assert publication.regions == ["cis"]


def test_publication_create_anonymous_is_401(client, org_a):
    response = client.post(f"{API}/publications", NEW, content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Writing needs a personal API token (see your profile page)."
    }
    assert Publication.objects.count() == 0


def test_publication_create_session_without_token_is_401(client, member_a):
    client.force_login(member_a)
    response = client.post(f"{API}/publications", NEW, content_type="application/json")
    assert response.status_code == 401
    assert Publication.objects.count() == 0


def test_publication_create_non_member_is_403(client, plain_user, org_a, bearer):
    response = client.post(
        f"{API}/publications", NEW, content_type="application/json", **bearer(plain_user)
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only people of a member organization can add publications."
    }
    assert Publication.objects.count() == 0


def test_publication_create_for_other_organization_is_422(client, member_a, org_b, bearer):
    data = {**NEW, "publishers": ["agency-b"]}
    response = client.post(
        f"{API}/publications", data, content_type="application/json", **bearer(member_a)
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Include your own organization among the publishers.",
        "errors": {"publishers": ["Include your own organization among the publishers."]},
    }
    assert Publication.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "status", "detail"),
    [
        # 400: the body does not match the schema; 422: it does, but cannot be accepted.
        ({"publishers": ["agency-a", "nobody"]}, 422, "Unknown organizations: nobody."),
        ({"type": "novel"}, 400, "Invalid input — "),
        ({"month": 13}, 400, "Invalid input — "),
        ({"link": "javascript:alert(1)"}, 422, "Enter a valid URL."),
        ({"countries": ["ZZZ"]}, 400, "Invalid input — payload.countries.0: String should match"),
        ({"countries": ["ZZ"]}, 422, "Value 'ZZ' is not a valid choice."),
        ({"title": ""}, 400, "Invalid input — "),
        (
            {"titel": "Misspelt"},
            400,
            "Invalid input — payload.titel: Extra inputs are not permitted",
        ),
    ],
)
def test_publication_create_bad_input_is_refused(client, member_a, bearer, change, status, detail):
    response = client.post(
        f"{API}/publications",
        {**NEW, **change},
        content_type="application/json",
        **bearer(member_a),
    )
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)
    assert Publication.objects.count() == 0


def test_api_docs_and_openapi(client):
    assert client.get(f"{API}/docs").status_code == 200
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["info"]["title"] == "Inter Agency Research Network API"
    assert {
        "/api/v1/organizations",
        "/api/v1/countries",
        "/api/v1/people",
        "/api/v1/events",
        "/api/v1/publications",
        "/api/v1/publications/export.csv",
    } <= set(schema["paths"])
