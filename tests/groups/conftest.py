import pytest

from network.discussions.enums import RoomVisibility
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.discussions import RoomFactory
from tests.factories.groups import WorkingGroupFactory


@pytest.fixture
def group(org_a):
    """An active group convened by Agency A, with a restricted and a network-wide room."""
    group = WorkingGroupFactory(
        name="Indicators", slug="indicators", conveners=[org_a], mandate="Agree on **indicators**."
    )
    RoomFactory(title="Closed room", slug="closed-room", working_group=group,
                visibility=RoomVisibility.RESTRICTED)  # fmt: skip
    RoomFactory(title="Open room", slug="open-room", working_group=group)
    return group


@pytest.fixture
def org_c(db):
    return OrganizationFactory(name="Agency C", slug="agency-c")


@pytest.fixture
def focal_c(org_c):
    from members.enums import MembershipRole

    return MembershipFactory(organization=org_c, role=MembershipRole.FOCAL_POINT).user
