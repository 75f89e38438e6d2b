"""Site search finds approved working groups, never proposals."""

import pytest

from network.groups.enums import GroupStatus
from tests.factories.groups import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_search_finds_approved_groups_only(client, staff):
    WorkingGroupFactory(name="Trafficking routes group", slug="routes", mandate="Map routes.")
    WorkingGroupFactory(name="Trafficking proposal group", slug="proposal",
                        status=GroupStatus.PROPOSED)  # fmt: skip
    for person in (None, staff):
        if person:
            client.force_login(person)
        page = client.get("/search/", {"q": "routes group"}).content.decode()
        assert "/groups/routes/" in page
        page = client.get("/search/", {"q": "proposal group"}).content.decode()
        assert "/groups/proposal/" not in page
