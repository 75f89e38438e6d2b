from datetime import timedelta

import pytest
from django.utils import timezone

from members.enums import MembershipRole
from network.agenda.enums import PriorityStatus
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.gaps import PriorityFactory


@pytest.fixture
def org_c(db):
    return OrganizationFactory(name="Agency C", slug="agency-c")


@pytest.fixture
def focal_c(org_c):
    return MembershipFactory(organization=org_c, role=MembershipRole.FOCAL_POINT).user


@pytest.fixture
def open_vote(db):
    """A priority put to the network, its vote open for a week from an hour ago."""
    now = timezone.now()
    return PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(hours=1),
        vote_closes_at=now + timedelta(days=7),
    )
