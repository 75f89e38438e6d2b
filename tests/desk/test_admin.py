import pytest

from tests.factories import OrganizationFactory
from tests.factories.desk import NoticeFactory

pytestmark = pytest.mark.django_db


def test_admin_home_shows_notices_acknowledgement_rates(client, staff):
    NoticeFactory(title="Convocation 2027", recipients=[OrganizationFactory()])
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert "Convocation 2027" in body
    assert "0 of 1 organizations acknowledged" in body
