"""A data gap cites datasets of the catalogue as evidence: its organization's people cite and
withdraw from the gap's page, everyone sees the citations, and the wrong person is refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.catalogue.models import GapCitation
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.catalogue import DatasetFactory
from tests.factories.gaps import CountryFactory, DataGapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap(org_a):
    return DataGapFactory(reported_by=org_a, title="Returns of children from Moldova")


@pytest.fixture
def dataset(org_b):
    return DatasetFactory(owner=org_b, title="Assisted returns register", slug="returns")


def _cite(client, gap, dataset, note="Returns by age, 2008 to 2012"):
    return client.post("/data/cite/", {"gap": gap.pk, "dataset": dataset.slug, "note": note})


def test_gap_member_cites_a_dataset_and_everyone_sees_it(client, member_a, gap, dataset):
    client.force_login(member_a)
    page = client.get(gap.get_absolute_url()).content.decode()
    assert "This gap cites no dataset of the catalogue yet." in page
    assert 'action="/data/cite/"' in page
    response = _cite(client, gap, dataset)
    assert response.status_code == 302
    assert response["Location"] == gap.get_absolute_url()
    citation = GapCitation.objects.get()
    assert (citation.gap, citation.dataset, citation.cited_by) == (gap, dataset, member_a)
    page = client.get(gap.get_absolute_url()).content.decode()
    assert "The gap now cites “Assisted returns register” as evidence." in page
    client.logout()
    page = client.get(gap.get_absolute_url()).content.decode()
    assert "Assisted returns register" in page
    assert "Returns by age, 2008 to 2012" in page
    assert 'action="/data/cite/"' not in page  # anonymous readers get no form
    dataset_page = client.get("/data/returns/").content.decode()
    assert "Data gaps that cite it as evidence" in dataset_page
    assert "Returns of children from Moldova" in dataset_page


def test_another_organization_cannot_cite_or_withdraw(client, focal_b, gap, dataset, member_a):
    client.force_login(focal_b)
    assert 'action="/data/cite/"' not in client.get(gap.get_absolute_url()).content.decode()
    assert _cite(client, gap, dataset).status_code == 403
    assert GapCitation.objects.count() == 0
    citation = GapCitation.objects.create(gap=gap, dataset=dataset, cited_by=member_a)
    assert client.post(f"/data/cite/{citation.pk}/remove/").status_code == 403
    assert GapCitation.objects.count() == 1


def test_withdraw_by_the_gap_organization(client, member_a, gap, dataset):
    citation = GapCitation.objects.create(gap=gap, dataset=dataset, cited_by=member_a)
    client.force_login(member_a)
    response = client.post(f"/data/cite/{citation.pk}/remove/", follow=True)
    assert "The citation of “Assisted returns register” is withdrawn." in response.content.decode()
    assert GapCitation.objects.count() == 0


def test_bad_citations_are_told_and_change_nothing(client, member_a, gap, dataset):
    client.force_login(member_a)
    _cite(client, gap, dataset)
    response = client.post(
        "/data/cite/", {"gap": gap.pk, "dataset": dataset.slug, "note": "again"}, follow=True
    )
    assert "This gap already cites that dataset." in response.content.decode()
    response = client.post("/data/cite/", {"gap": gap.pk, "dataset": "no-such"}, follow=True)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert client.post("/data/cite/", {"gap": 999999, "dataset": dataset.slug}).status_code == 404
    response = client.post("/data/cite/", {"gap": "x"}, follow=True)
    assert response.redirect_chain[-1][0] == "/data/"
    assert GapCitation.objects.count() == 1
    assert client.post("/data/cite/99999/remove/").status_code == 404
    assert client.get("/data/cite/").status_code == 405


def test_gap_page_costs_the_same_with_many_citations(client, member_a, gap):
    moldova = CountryFactory(code="MD")
    gap.countries.add(moldova)
    client.force_login(member_a)

    def cite(n):
        for _ in range(n):
            dataset = DatasetFactory(owner=OrganizationFactory(), countries=[moldova])
            GapCitation.objects.create(gap=gap, dataset=dataset, cited_by=member_a)
            DatasetFactory(owner=dataset.owner, countries=[moldova])  # could help

    cite(1)
    client.get(gap.get_absolute_url() + "?warm=1")
    with CaptureQueriesContext(connection) as few:
        client.get(gap.get_absolute_url())
    cite(20)
    client.get(gap.get_absolute_url() + "?warm=2")
    with CaptureQueriesContext(connection) as many:
        page = client.get(gap.get_absolute_url()).content.decode()
    assert page.count("Withdraw the citation of") == 21
    assert len(few) == len(many), [q["sql"][:120] for q in many.captured_queries]


def test_non_member_sees_no_form(client, plain_user, gap):
    MembershipFactory(user=plain_user, organization=OrganizationFactory())
    client.force_login(plain_user)
    assert 'action="/data/cite/"' not in client.get(gap.get_absolute_url()).content.decode()


def test_request_page_offers_only_the_steps_open_from_its_status(client, focal_a, org_a, org_b):
    from datetime import date

    from network.catalogue import services
    from network.catalogue.enums import RequestAction
    from tests.factories.catalogue import AccessRequestFactory

    access_request = AccessRequestFactory(dataset=DatasetFactory(owner=org_a), organization=org_b)
    client.force_login(focal_a)

    def options():
        page = client.get(access_request.get_absolute_url()).content.decode()
        return (
            page.split('id="id_action">', 1)[1].split("</select>", 1)[0]
            if "id_action" in page
            else ""
        )

    assert "Approved" in options() and "Marked delivered" not in options()
    services.access_request_advance(
        by=focal_a, access_request=access_request, action=RequestAction.APPROVED,
        ends_on=date(2100, 1, 1),
    )  # fmt: skip
    steps = options()
    assert "Marked delivered" in steps and "Marked access ended" in steps
    assert "Asked for more information" not in steps and "Approved" not in steps
    services.access_request_advance(
        by=focal_a, access_request=access_request, action=RequestAction.ENDED
    )
    assert options() == ""  # nothing left to decide: no form
