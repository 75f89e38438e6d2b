"""Requests to join a group wait on the desks of its convening organizations."""

import pytest

from network.groups import services

pytestmark = pytest.mark.django_db


def test_join_request_is_on_the_conveners_desk_until_answered(
    client, group, org_c, focal_c, focal_a, alternate_a, focal_b
):
    services.group_join_request(group=group, organization=org_c, by=focal_c)
    for spokesperson in (focal_a, alternate_a):
        client.force_login(spokesperson)
        body = client.get("/desk/").content.decode()
        assert "Agency C asks to join “Indicators”" in body
        assert "/groups/indicators/#requests" in body
    client.force_login(focal_b)  # convenes nothing
    assert "asks to join" not in client.get("/desk/").content.decode()
    services.group_join_decide(membership=group.memberships.pending().get(), by=focal_a,
                               accept=True)  # fmt: skip
    client.force_login(focal_a)
    assert "asks to join" not in client.get("/desk/").content.decode()
