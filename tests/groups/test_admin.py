"""The Wagtail admin saves working groups through the services."""

import pytest
from wagtail.models import ModelLogEntry

from network.groups.enums import GroupStatus
from network.groups.models import WorkingGroup

pytestmark = pytest.mark.django_db


def _form(**overrides):
    return {"name": "Indicators", "slug": "indicators", "mandate": "", "status": "proposed",
            **overrides}  # fmt: skip


def test_admin_creates_a_proposed_group_then_approves_it_through_the_services(
    client, staff, org_a, org_b
):
    client.force_login(staff)
    response = client.post("/admin/working_groups/new/", _form(conveners=[org_a.pk]))
    assert response.status_code == 302
    group = WorkingGroup.objects.get(slug="indicators")
    assert group.status == GroupStatus.PROPOSED
    assert list(group.memberships.current().values_list("organization", flat=True)) == [org_a.pk]
    assert ModelLogEntry.objects.filter(object_id=str(group.pk), action="wagtail.create").exists()

    response = client.post(f"/admin/working_groups/edit/{group.pk}/",
                           _form(status="active", conveners=[org_a.pk, org_b.pk]))  # fmt: skip
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.status, group.decided_by) == (GroupStatus.ACTIVE, staff)
    assert sorted(group.conveners.values_list("slug", flat=True)) == ["agency-a", "agency-b"]


def test_admin_refuses_a_group_without_conveners_and_changes_nothing(client, staff):
    client.force_login(staff)
    response = client.post("/admin/working_groups/new/", _form())
    assert response.status_code == 200
    assert "A group needs at least one convening organization." in response.content.decode()
    assert WorkingGroup.objects.count() == 0


def test_admin_is_for_staff_only(client, focal_a):
    client.force_login(focal_a)
    assert client.get("/admin/working_groups/").status_code == 302
