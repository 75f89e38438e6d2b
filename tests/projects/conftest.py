"""The cast of a project: its lead (focal point of org A), a team member, a partner
organization's focal point, a plain network member, and outsiders."""

import pytest

from projects.enums import PartnerStatus, ProjectRole, ProjectStatus
from tests.factories import MembershipFactory, OrganizationFactory, with_totp
from tests.factories.projects import (
    PartnerOrganizationFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
)


@pytest.fixture
def lead(focal_a):
    # Project leads must use two-factor authentication (members.needs_mfa).
    return with_totp(focal_a)


@pytest.fixture
def project(org_a, lead):
    project = ResearchProjectFactory(
        title="Routes of trafficked children",
        slug="routes",
        lead_organization=org_a,
        status=ProjectStatus.RECRUITING,
        created_by=lead,
    )
    ProjectMemberFactory(project=project, user=lead, role=ProjectRole.LEAD)
    return project


@pytest.fixture
def team_member(project, member_a):
    """A colleague of the lead, on the team."""
    return ProjectMemberFactory(project=project, user=member_a).user


@pytest.fixture
def network_member(db):
    """Works at a member organization with no part in the project."""
    return MembershipFactory(organization=OrganizationFactory(name="Agency C")).user


@pytest.fixture
def partner_focal(project, org_b, focal_b):
    PartnerOrganizationFactory(project=project, organization=org_b, status=PartnerStatus.ACCEPTED)
    return focal_b
