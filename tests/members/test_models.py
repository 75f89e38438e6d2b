"""The organization and membership querysets the apps above read through."""

import pytest
from django.contrib.auth.models import AnonymousUser

from members.enums import MembershipRole, OrganizationStatus
from members.models import Organization
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.mark.django_db
def test_organizations_of_a_person_are_theirs_by_name_and_members_only_when_asked():
    person = UserFactory()
    zeta = OrganizationFactory(name="Zeta Observatory")
    alpha = OrganizationFactory(name="Alpha Institute")
    applicant = OrganizationFactory(name="Beta Applicant", status=OrganizationStatus.APPLICANT)
    for organization in (zeta, alpha, applicant):
        MembershipFactory(user=person, organization=organization, role=MembershipRole.MEMBER)
    MembershipFactory(organization=OrganizationFactory(name="Another's Agency"))

    assert list(Organization.objects.of(person)) == [alpha, applicant, zeta]
    assert list(Organization.objects.members().of(person)) == [alpha, zeta]
    assert list(Organization.objects.members().of(AnonymousUser())) == []
