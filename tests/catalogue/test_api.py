import pytest

from network.catalogue.enums import AccessCondition
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
