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


@pytest.mark.django_db
def test_organizations_spoken_for_are_those_of_focal_point_or_alternate_by_name():
    person = UserFactory()
    zeta = OrganizationFactory(name="Zeta Observatory")
    alpha = OrganizationFactory(name="Alpha Institute")
    only_member = OrganizationFactory(name="Beta Bureau")
    applicant = OrganizationFactory(name="Gamma Applicant", status=OrganizationStatus.APPLICANT)
    MembershipFactory(user=person, organization=zeta, role=MembershipRole.FOCAL_POINT)
    MembershipFactory(user=person, organization=alpha, role=MembershipRole.ALTERNATE)
    MembershipFactory(user=person, organization=only_member, role=MembershipRole.MEMBER)
    MembershipFactory(user=person, organization=applicant, role=MembershipRole.FOCAL_POINT)
    MembershipFactory(organization=OrganizationFactory(), role=MembershipRole.FOCAL_POINT)

    assert list(Organization.objects.spoken_for_by(person)) == [alpha, applicant, zeta]
    assert list(Organization.objects.members().spoken_for_by(person)) == [alpha, zeta]
    assert list(Organization.objects.members().spoken_for_by(AnonymousUser())) == []
