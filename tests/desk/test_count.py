"""The desk count in the header: on every page, cached per person, new after a write."""

import pytest

from tests.factories import MembershipRequestFactory

pytestmark = pytest.mark.django_db


def test_header_count_appears_and_changes_after_a_write(client, org_a, focal_a):
    client.force_login(focal_a)
    assert "Desk 0" in client.get("/members/").content.decode()
    MembershipRequestFactory(organization=org_a)
    assert "Desk 1" in client.get("/members/").content.decode()
    MembershipRequestFactory(organization=org_a)
    assert "Desk 2" in client.get("/agenda/").content.decode()


def test_header_count_is_the_persons_own(client, org_a, focal_a, member_a):
    MembershipRequestFactory(organization=org_a)
    client.force_login(focal_a)
    assert "Desk 1" in client.get("/members/").content.decode()
    client.force_login(member_a)
    assert "Desk 0" in client.get("/members/").content.decode()


def test_header_has_no_desk_for_anonymous(client):
    assert 'class="desk-link"' not in client.get("/members/").content.decode()
