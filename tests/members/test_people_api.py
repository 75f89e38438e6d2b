"""/api/v1/people: the directory's people and filters, for the caller's eyes only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members import services
from members.enums import Visibility
from projects.enums import ProjectStatus
from tests.factories import ExpertiseFactory, MembershipFactory, UserFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/people"


def bearer(user):
    raw = services.token_create(user=user, name="script")[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["results"]]


def person(name, organization, visibility=Visibility.PUBLIC, **fields):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(display_name=name, visibility=visibility, **fields),
    ).user


@pytest.fixture
def people(org_a, org_b):
    data = ExpertiseFactory(name="Data collection", slug="data-collection")
    ana = person("Ana", org_a, countries=["MD"], languages=["en", "ro"])
    ana.expertise.add(data)
    boris = person("Boris", org_b, Visibility.MEMBERS, countries=["RO"], languages=["ru"])
    boris.expertise.add(data)
    hidden = person("Cora", org_a, Visibility.HIDDEN, countries=["MD"], languages=["en"])
    hidden.expertise.add(data)
    return {"ana": ana, "boris": boris, "hidden": hidden}


def test_people_api_anonymous_gets_public_people_only(client, people):
    assert names(client.get(URL, {"expertise": "data-collection"})) == ["Ana"]


def test_people_api_member_token_gets_members_only_people_too(client, people, focal_a):
    response = client.get(URL, {"expertise": "data-collection"}, **bearer(focal_a))
    assert names(response) == ["Ana", "Boris"]


def test_people_api_token_of_someone_outside_the_network_gets_public_only(client, people):
    outsider = UserFactory()
    assert names(client.get(URL, {"country": "RO"}, **bearer(outsider))) == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"country": "md"}, ["Ana"]),
        ({"language": "ru"}, ["Boris"]),
        ({"language": "en"}, ["Ana"]),
        ({"organization": "agency-b"}, ["Boris"]),
        ({"expertise": "data-collection", "country": "RO", "language": "ru"}, ["Boris"]),
        ({"expertise": "no-such-topic"}, []),
    ],
)
def test_people_api_filters_as_the_directory(client, people, focal_a, query, expected):
    assert names(client.get(URL, query, **bearer(focal_a))) == expected


def test_people_api_bad_filter_is_a_400(client, people):
    response = client.get(URL, {"language": "English!"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("Invalid input — language: String should match pattern")


def test_people_api_item_carries_expertise_organizations_and_visible_projects(client, org_a):
    ana = person("Ana", org_a, countries=["MD"], languages=["en"])
    ana.expertise.add(ExpertiseFactory(name="Data collection", slug="data-collection"))
    published = ResearchProjectFactory(slug="routes", status=ProjectStatus.ACTIVE)
    draft = ResearchProjectFactory(slug="secret-draft", status=ProjectStatus.DRAFT)
    for project in (published, draft):
        ProjectMemberFactory(project=project, user=ana)

    item = client.get(URL).json()["results"][0]
    assert item == {
        "id": ana.pk,
        "name": "Ana",
        "bio": "",
        "expertise": ["Data collection"],
        "countries": ["MD"],
        "languages": ["en"],
        "organizations": ["agency-a"],
        "projects": ["routes"],
        "url": f"http://testserver/members/people/{ana.pk}/",
    }
    teammate = ProjectMemberFactory(project=draft).user
    item = client.get(URL, **bearer(teammate)).json()["results"]
    assert [p for i in item if i["name"] == "Ana" for p in i["projects"]] == [
        "routes",
        "secret-draft",
    ]


def test_people_api_csv_has_the_same_people_and_columns(client, people):
    body = client.get(f"{URL}/export.csv", {"expertise": "data-collection"}).content.decode()
    lines = body.strip().splitlines()
    assert lines[0] == "id,name,bio,expertise,countries,languages,organizations,projects,url"
    assert len(lines) == 2
    assert "Ana" in lines[1]
    assert "Boris" not in body and "Cora" not in body


def test_people_api_query_count_does_not_grow_with_people(client, org_a, focal_a):
    topic = ExpertiseFactory(name="Data collection", slug="data-collection")

    def crowd(n):
        project = ResearchProjectFactory(status=ProjectStatus.ACTIVE)
        for i in range(n):
            user = person(f"Crowd {i}", org_a, countries=["MD"], languages=["ru"])
            user.expertise.add(topic)
            ProjectMemberFactory(project=project, user=user)

    headers = bearer(focal_a)
    query = {"expertise": "data-collection", "country": "MD", "language": "ru", "limit": 100}

    def count():
        client.get(URL, query, **headers)  # after writes, the first re-reads cached roles
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, query, **headers)
        return len(queries), len(response.json()["results"])

    crowd(5)
    few, shown = count()
    assert shown == 5
    crowd(45)
    many, shown = count()
    assert shown == 50
    assert few == many
