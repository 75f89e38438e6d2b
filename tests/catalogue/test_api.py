import pytest

from network.catalogue.enums import AccessCondition
from network.catalogue.models import AccessEvent
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.catalogue import AccessRequestFactory, DatasetFactory
from tests.factories.gaps import CountryFactory

pytestmark = pytest.mark.django_db


def test_datasets_are_listed_with_filters_and_no_requests(client):
    moldova = CountryFactory(code="MD")
    dataset = DatasetFactory(title="Moldova cases", slug="moldova-cases", countries=[moldova],
                             year_from=2008, year_to=2012, disaggregations=["age"])  # fmt: skip
    DatasetFactory(title="Open register", access=AccessCondition.OPEN)
    AccessRequestFactory(dataset=dataset, purpose="SecretPurposeText")
    answer = client.get("/api/v1/datasets?country=MD&year=2010")
    assert answer.status_code == 200
    data = answer.json()
    assert data["count"] == 1
    assert data["results"][0]["slug"] == "moldova-cases"
    assert data["results"][0]["coverage"] == "covers Moldova, 2008–2012, disaggregated by age"  # noqa: RUF001
    assert "SecretPurposeText" not in answer.content.decode()
    assert client.get("/api/v1/datasets?access=open").json()["count"] == 1


def test_dataset_detail_and_unknown(client):
    DatasetFactory(slug="routes")
    assert client.get("/api/v1/datasets/routes").json()["owner"]
    assert client.get("/api/v1/datasets/nothing").status_code == 404


def test_bad_filters_are_a_400(client):
    assert client.get("/api/v1/datasets?year=abc").status_code == 400
    assert client.get("/api/v1/datasets?access=secret").status_code == 400


def _requests(client, headers=None, query=""):
    return client.get(f"/api/v1/datasets/requests{query}", **(headers or {}))


def test_requests_need_a_token(client):
    AccessRequestFactory(purpose="SecretPurposeText")
    response = _requests(client)
    assert response.status_code == 401
    assert "SecretPurposeText" not in response.content.decode()


def test_owner_token_reads_its_requests_with_their_log(client, bearer, focal_a, org_a, org_b):
    from network.catalogue import services
    from network.catalogue.enums import RequestAction

    dataset = DatasetFactory(owner=org_a, slug="routes")
    access_request = AccessRequestFactory(dataset=dataset, organization=org_b, purpose="Routes")
    services.access_request_advance(
        by=focal_a, access_request=access_request, action=RequestAction.MORE_INFO, note="Years?"
    )
    AccessRequestFactory(purpose="SomeoneElsesPurpose")
    data = _requests(client, bearer(focal_a)).json()
    assert data["count"] == 1
    [row] = data["results"]
    assert (row["dataset"], row["owner"], row["organization"]) == ("routes", "agency-a", "agency-b")
    assert (row["status"], row["purpose"]) == ("more_info", "Routes")
    assert [(s["action"], s["note"]) for s in row["log"]] == [("more_info", "Years?")]
    assert "SomeoneElsesPurpose" not in str(data)
    assert _requests(client, bearer(focal_a), "?status=declined").json()["count"] == 0


def test_requester_token_reads_its_own_and_a_third_organization_none(client, bearer, org_b):
    access_request = AccessRequestFactory(organization=org_b, purpose="OursToRead")
    requester = MembershipFactory(organization=org_b).user
    assert _requests(client, bearer(requester)).json()["results"][0]["id"] == access_request.pk
    outsider = MembershipFactory(organization=OrganizationFactory()).user
    assert _requests(client, bearer(outsider)).json()["count"] == 0
    assert _requests(client, bearer(outsider), "?status=nonsense").status_code == 400


def test_request_list_query_count_does_not_grow(client, bearer, org_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    focal = MembershipFactory(organization=org_a, role="focal_point").user
    headers = bearer(focal)
    dataset = DatasetFactory(owner=org_a)

    def ask():
        access_request = AccessRequestFactory(dataset=dataset)
        AccessEvent.objects.create(
            request=access_request, action="submitted", organization=access_request.organization
        )

    ask()
    _requests(client, headers)
    with CaptureQueriesContext(connection) as few:
        _requests(client, headers)
    for _ in range(30):
        ask()
    _requests(client, headers)  # the new organizations changed the cached roles: warm again
    with CaptureQueriesContext(connection) as many:
        assert _requests(client, headers).json()["count"] == 31
    assert len(few) == len(many)
