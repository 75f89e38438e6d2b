from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.catalogue.enums import AccessCondition, RequestStatus
from network.catalogue.models import AccessRequest, Dataset
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.catalogue import AccessRequestFactory, DatasetFactory
from tests.factories.gaps import CountryFactory, SubRegionFactory

pytestmark = pytest.mark.django_db


def test_empty_catalogue_says_so(client):
    body = client.get("/data/").content.decode()
    assert "No dataset has been described yet." in body


def test_list_shows_summary_and_filters(client):
    moldova = CountryFactory(code="MD")
    DatasetFactory(title="Moldova cases", countries=[moldova], year_from=2008, year_to=2012,
                   disaggregations=["age", "sex"])  # fmt: skip
    DatasetFactory(title="Labour register", forms=["labour"], access=AccessCondition.OPEN)
    body = client.get("/data/").content.decode()
    assert "Covers Moldova, 2008–2012, disaggregated by age and sex" in body  # noqa: RUF001
    body = client.get("/data/?country=MD").content.decode()
    assert "Moldova cases" in body and "Labour register" not in body
    body = client.get("/data/?form=labour&access=open").content.decode()
    assert "Labour register" in body and "Moldova cases" not in body
    body = client.get("/data/?year=2015").content.decode()
    assert "Moldova cases" not in body and "Labour register" in body
    body = client.get("/data/?disaggregation=nationality").content.decode()
    assert "No dataset matches these filters." in body


def test_list_filters_by_owner_and_sub_region(client):
    region = SubRegionFactory(name="South-Eastern Europe", slug="see")
    owner = OrganizationFactory(name="Owner agency", slug="owner-agency")
    dataset = DatasetFactory(title="Regional", co_owners=[owner])
    dataset.sub_regions.add(region)
    DatasetFactory(title="Elsewhere")
    body = client.get("/data/?owner=owner-agency&sub_region=see").content.decode()
    assert "Regional" in body and "Elsewhere" not in body


def test_bad_filters_and_pages_are_told_not_500(client):
    DatasetFactory(title="Kept")
    response = client.get("/data/?year=abc&access=nope&page=99")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not understood" in body
    assert "There is no page “99”" in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_list_costs_the_same_queries_for_10_and_500_datasets(client):
    country = CountryFactory(code="MD")
    co_owner = OrganizationFactory()
    for _ in range(10):
        DatasetFactory(countries=[country], co_owners=[co_owner])
    # Warm the shared caches (footer menu, filter choices): the steady state is measured.
    _queries(client, "/data/")
    small = _queries(client, "/data/")
    for _ in range(490):
        DatasetFactory(countries=[country], co_owners=[co_owner])
    assert _queries(client, "/data/") == small


def test_detail_shows_metadata_and_not_stated(client):
    dataset = DatasetFactory(title="Routes", unit_of_record="assisted cases")
    body = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "assisted cases" in body and "not stated" in body
    assert "Ask for access" not in body  # anonymous


def test_unknown_dataset_is_a_404(client):
    assert client.get("/data/nothing-here/").status_code == 404


def test_member_describes_a_dataset_for_own_organization(client, member_a, org_a):
    client.force_login(member_a)
    page = client.get("/data/new/").content.decode()
    assert "never upload it" in page
    response = client.post(
        "/data/new/",
        {"owner": org_a.pk, "title": "Shelter records", "description": "Assisted cases.",
         "unit_of_record": "assisted cases", "access": "members", "contact_role": "focal_point",
         "disaggregations": ["age"]},
        follow=True,
    )  # fmt: skip
    assert "The dataset is in the catalogue." in response.content.decode()
    assert Dataset.objects.get().owner == org_a


def test_an_uploaded_file_is_refused(client, member_a, org_a):
    client.force_login(member_a)
    response = client.post(
        "/data/new/",
        {"owner": org_a.pk, "title": "Microdata", "description": "d", "unit_of_record": "u",
         "access": "members", "contact_role": "focal_point",
         "file": SimpleUploadedFile("cases.csv", b"name,age\n")},
    )  # fmt: skip
    assert response.status_code == 400
    assert "it never stores it" in response.content.decode()
    assert Dataset.objects.count() == 0


def test_only_owners_edit(client, member_a, org_a, focal_b):
    dataset = DatasetFactory(owner=org_a)
    client.force_login(focal_b)
    assert client.get(f"/data/{dataset.slug}/edit/").status_code == 403
    client.force_login(member_a)
    assert client.get(f"/data/{dataset.slug}/edit/").status_code == 200


def test_not_shareable_request_page_gives_the_reason(client, member_a):
    dataset = DatasetFactory(access=AccessCondition.NOT_SHAREABLE)
    client.force_login(member_a)
    body = client.get(f"/data/{dataset.slug}/request/").content.decode()
    assert "not shareable" in body and "<textarea" not in body


def test_journey_request_more_info_approve_and_a_third_sees_nothing(client, member_a, org_a,
                                                                    focal_b, org_b):  # fmt: skip
    dataset = DatasetFactory(owner=org_b, title="Routes register")
    third = MembershipFactory(organization=OrganizationFactory()).user
    client.force_login(member_a)
    response = client.post(
        f"/data/{dataset.slug}/request/",
        {"organization": org_a.pk, "purpose": "PurposeMarker study", "variables_needed": "age",
         "coverage_needed": "Moldova", "storage": "Encrypted", "retention": "One year",
         "k_confirmed": "on"},
        follow=True,
    )  # fmt: skip
    assert "Your request is sent" in response.content.decode()
    access_request = AccessRequest.objects.get()
    url = f"/data/requests/{access_request.pk}/"

    client.force_login(focal_b)
    assert "Routes register" in client.get("/data/requests/").content.decode()
    client.post(f"{url}step/", {"action": "more_info", "note": "Which years?"})
    client.force_login(member_a)
    client.post(f"{url}step/", {"action": "answered", "note": "2008 to 2012"})
    client.force_login(focal_b)
    end = timezone.localdate() + timedelta(days=60)
    client.post(f"{url}step/", {"action": "approved", "conditions": "No maps", "ends_on": end})
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.APPROVED
    for person in (member_a, focal_b):
        client.force_login(person)
        body = client.get(url).content.decode()
        assert "Which years?" in body and "2008 to 2012" in body and "Approved" in body

    client.force_login(third)
    assert client.get(url).status_code == 404
    assert "Routes register" not in client.get("/data/requests/").content.decode()
    assert client.post(f"{url}step/", {"action": "ended"}).status_code == 404


def test_the_requester_cannot_approve_own_request(client, member_a, org_a, org_b):
    access_request = AccessRequestFactory(dataset=DatasetFactory(owner=org_b), organization=org_a)
    client.force_login(member_a)
    end = timezone.localdate() + timedelta(days=60)
    response = client.post(
        f"/data/requests/{access_request.pk}/step/", {"action": "approved", "ends_on": end}
    )
    assert response.status_code == 403
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.SUBMITTED


def test_end_before_start_is_told_and_nothing_changes(client, focal_b, org_b):
    access_request = AccessRequestFactory(dataset=DatasetFactory(owner=org_b))
    client.force_login(focal_b)
    today = timezone.localdate()
    response = client.post(
        f"/data/requests/{access_request.pk}/step/",
        {"action": "approved", "starts_on": today, "ends_on": today - timedelta(days=2)},
        follow=True,
    )
    assert "The end date must come after the start." in response.content.decode()
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.SUBMITTED


def test_gap_page_shows_datasets_that_could_help(client):
    from tests.factories.gaps import DataGapFactory

    moldova = CountryFactory(code="MD")
    DatasetFactory(title="Moldova cases", countries=[moldova], disaggregations=["sex"])
    DatasetFactory(title="Unrelated register", countries=[CountryFactory(code="FR")])
    gap = DataGapFactory(countries=[moldova])
    body = client.get(gap.get_absolute_url()).content.decode()
    assert "Datasets that could help" in body
    assert "Moldova cases" in body and "covers Moldova, disaggregated by sex" in body
    assert "Unrelated register" not in body


def test_country_page_shows_datasets_covering_it(client):
    moldova = CountryFactory(code="MD")
    DatasetFactory(title="Moldova cases", countries=[moldova], year_from=2008, year_to=2012)
    DatasetFactory(title="Unrelated register", countries=[CountryFactory(code="FR")])
    body = client.get("/countries/MD/").content.decode()
    assert "Datasets covering it" in body
    assert "Moldova cases" in body and "Unrelated register" not in body


def test_request_list_costs_the_same_queries_for_3_and_30_requests(client, focal_b, org_b,
                                                                    org_a):  # fmt: skip
    dataset = DatasetFactory(owner=org_b)
    # One requesting organization: a new one would bump the cached roles, not an N+1.
    for _ in range(3):
        AccessRequestFactory(dataset=dataset, organization=org_a)
    client.force_login(focal_b)
    _queries(client, "/data/requests/")  # the first request caches the person's roles
    small = _queries(client, "/data/requests/")
    for _ in range(27):
        AccessRequestFactory(dataset=dataset, organization=org_a)
    # The writes changed what the desk counts: the next page recomputes the header's count
    # once (the desk's own cost, measured in tests/desk); the one after is the list's own.
    _queries(client, "/data/requests/")
    assert _queries(client, "/data/requests/") == small
