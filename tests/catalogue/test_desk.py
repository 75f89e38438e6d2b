"""Access requests on the desk: the owners' spokespeople see what waits on their decision, the
requesting organization sees the owners' questions, and no one else sees anything."""

import pytest

from network.catalogue import services
from network.catalogue.enums import RequestAction
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.catalogue import AccessRequestFactory, DatasetFactory

pytestmark = pytest.mark.django_db


def _desk(client, user):
    client.force_login(user)
    response = client.get("/desk/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def request_to_a(org_a, org_b):
    dataset = DatasetFactory(owner=org_a, title="Assisted cases in Moldova")
    return AccessRequestFactory(dataset=dataset, organization=org_b, purpose="CANARY-PURPOSE")


def test_owner_focal_point_sees_submitted_request(client, focal_a, request_to_a):
    page = _desk(client, focal_a)
    assert "Data access request" in page
    assert "Assisted cases in Moldova, for Agency B" in page
    assert "Waiting for your organization&#x27;s decision." in page
    assert request_to_a.get_absolute_url() in page
    # The purpose stays on the request's page, which checks who may see it.
    assert "CANARY-PURPOSE" not in page


def test_co_owner_alternate_sees_the_same_request(client, request_to_a):
    co_owner = OrganizationFactory(name="Agency C")
    request_to_a.dataset.co_owners.add(co_owner)
    alternate = MembershipFactory(organization=co_owner, role="alternate").user
    page = _desk(client, alternate)
    assert "<h2>Agency C</h2>" in page
    assert "Assisted cases in Moldova, for Agency B" in page


def test_requester_and_bystanders_do_not_see_the_owners_item(client, focal_b, request_to_a):
    assert "Data access request" not in _desk(client, focal_b)
    outsider = MembershipFactory(organization=OrganizationFactory(), role="focal_point").user
    assert "Assisted cases in Moldova" not in _desk(client, outsider)
    plain_member = MembershipFactory(organization=request_to_a.dataset.owner).user
    assert "Assisted cases in Moldova" not in _desk(client, plain_member)


def test_question_moves_the_item_to_the_requester_and_into_done_recently(
    client, focal_a, focal_b, request_to_a
):
    services.access_request_advance(
        by=focal_a, access_request=request_to_a, action=RequestAction.MORE_INFO, note="Years?"
    )
    requester_page = _desk(client, focal_b)
    assert "The owner asked for more information." in requester_page
    owner_page = _desk(client, focal_a)
    assert "Waiting for your organization" not in owner_page
    assert "Asked for more information (" in owner_page


def test_approved_request_waits_for_delivery_then_leaves(client, focal_a, request_to_a):
    from datetime import date

    services.access_request_advance(
        by=focal_a,
        access_request=request_to_a,
        action=RequestAction.APPROVED,
        ends_on=date(2100, 1, 1),
    )
    assert "mark it delivered once your organization has sent it" in _desk(client, focal_a)
    services.access_request_advance(
        by=focal_a, access_request=request_to_a, action=RequestAction.DELIVERED
    )
    page = _desk(client, focal_a)
    assert "mark it delivered" not in page
    assert "Marked delivered (" in page
