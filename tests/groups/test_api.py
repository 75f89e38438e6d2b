"""/api/v1/groups: public groups only, with filters."""

import pytest

from network.groups.enums import GroupStatus
from tests.factories.groups import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_api_lists_public_groups_with_filters(client, group, org_b, staff):
    WorkingGroupFactory(name="Proposal", slug="proposal", status=GroupStatus.PROPOSED)
    WorkingGroupFactory(name="Old", slug="old", status=GroupStatus.CLOSED, conveners=[org_b])
    body = client.get("/api/v1/groups").json()
    assert [g["slug"] for g in body["results"]] == ["indicators"]
    assert body["results"][0]["conveners"] == ["agency-a"]
    assert body["results"][0]["member_organizations"] == 1
    closed = client.get("/api/v1/groups?status=closed").json()["results"]
    assert [g["slug"] for g in closed] == ["old"]
    assert client.get("/api/v1/groups?status=proposed").json()["count"] == 0
    by_org = client.get("/api/v1/groups?organization=agency-a").json()["results"]
    assert [g["slug"] for g in by_org] == ["indicators"]
    assert client.get("/api/v1/groups?organization=nobody").json()["count"] == 0
    assert client.get("/api/v1/groups?status=maybe").status_code == 400
    # Staff asking through the API see what the public sees.
    client.force_login(staff)
    assert client.get("/api/v1/groups").json()["count"] == 1


def test_api_group_detail_hides_proposals(client, group):
    WorkingGroupFactory(name="Proposal", slug="proposal", status=GroupStatus.PROPOSED)
    body = client.get("/api/v1/groups/indicators").json()
    assert (body["name"], body["organizations"]) == ("Indicators", ["agency-a"])
    assert client.get("/api/v1/groups/proposal").status_code == 404
    assert client.get("/api/v1/groups/nothing").status_code == 404
