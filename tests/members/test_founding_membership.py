"""The organizations the sources name are the founding membership: staff see where each
came from in the admin, and the secretariat ends a membership there, with a reason."""

import pytest

from members import seed
from members.enums import OrganizationStatus
from members.models import Organization
from network.platform import sources

pytestmark = pytest.mark.django_db


@pytest.fixture
def founding(db):
    seed.load()
    return Organization.objects.get(slug="nexus-institute")


def test_seed_organizations_are_members_with_their_source(founding):
    assert set(Organization.objects.values_list("status", flat=True)) == {OrganizationStatus.MEMBER}
    assert (founding.source_document, founding.source_quote) == (
        sources.IOM_2009,
        "Cooperation IOM (Geneva) and NEXUS Institute (Vienna)",
    )
    # The sources give no website and no countries of work for NEXUS.
    assert (founding.website, founding.countries) == ("", [])


def test_admin_member_page_shows_the_source_to_staff(client, staff, founding):
    client.force_login(staff)
    index = client.get("/admin/applications/members/").content.decode()
    assert f'href="/admin/applications/members/{founding.pk}/">NEXUS Institute (NEXUS)</a>' in index
    page = client.get(f"/admin/applications/members/{founding.pk}/").content.decode()
    assert "Cooperation IOM (Geneva) and NEXUS Institute (Vienna)" in page
    assert sources.IOM_2009 in page


def test_admin_ends_a_membership_with_a_reason(client, staff, founding):
    client.force_login(staff)
    response = client.post(
        f"/admin/applications/members/{founding.pk}/", {"reason": "Never joined the network."}
    )
    assert response.status_code == 302
    founding.refresh_from_db()
    assert (founding.status, founding.decision_reason, founding.decided_by) == (
        OrganizationStatus.FORMER,
        "Never joined the network.",
        staff,
    )


def test_admin_end_without_reason_changes_nothing(client, staff, founding):
    client.force_login(staff)
    response = client.post(f"/admin/applications/members/{founding.pk}/", {"reason": " "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    founding.refresh_from_db()
    assert founding.status == OrganizationStatus.MEMBER


def test_admin_member_pages_refused_to_non_staff(client, member_a, founding):
    client.force_login(member_a)
    response = client.post(f"/admin/applications/members/{founding.pk}/", {"reason": "x"})
    assert response.status_code in (302, 403)
    founding.refresh_from_db()
    assert founding.status == OrganizationStatus.MEMBER
