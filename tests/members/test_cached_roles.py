"""Roles and the second-factor requirement are cached per person across requests; a change
of role shows on the very next request."""

import pytest
from django.test import Client

from members import services
from members.enums import MembershipRole, OrganizationStatus
from projects.enums import ProjectRole
from projects.models import ProjectMember
from tests.factories import MembershipFactory
from tests.factories.projects import ResearchProjectFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_becoming_a_project_lead_asks_for_a_second_factor_on_the_next_request(org_a):
    member = MembershipFactory(organization=org_a).user
    client = signed_in(member)
    assert client.get("/library/").status_code == 200
    assert client.get("/library/").status_code == 200  # answered from the cache
    # Made lead directly, without the factory's second factor.
    ProjectMember.objects.create(
        project=ResearchProjectFactory(), user=member, role=ProjectRole.LEAD
    )
    response = client.get("/library/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_an_organization_leaving_the_network_ends_member_rights_at_once(org_a, staff):
    member = MembershipFactory(organization=org_a).user
    assert member.has_perm("members.needs_mfa") is False
    fresh = type(member).objects.get(pk=member.pk)
    assert fresh.has_perm("gaps.report_gap")
    org_a.status = OrganizationStatus.FORMER
    org_a.save()
    fresh = type(member).objects.get(pk=member.pk)
    assert not fresh.has_perm("gaps.report_gap")


def test_naming_a_new_alternate_demotes_the_old_one_at_once(org_a, focal_a):
    old = MembershipFactory(organization=org_a, role=MembershipRole.ALTERNATE).user
    new = MembershipFactory(organization=org_a).user
    assert type(old).objects.get(pk=old.pk).has_perm("members.change_organization", org_a)
    services.alternate_name(organization=org_a, user=new, by=focal_a)
    assert not type(old).objects.get(pk=old.pk).has_perm("members.change_organization", org_a)
    assert type(new).objects.get(pk=new.pk).has_perm("members.change_organization", org_a)


@pytest.fixture
def without_page_cache_signals():
    """The role caches must not rely on the page cache's catch-all receivers (a higher floor):
    members and the apps that register roles connect their own, per model."""
    from network.platform import pagecache

    for signal, model, uid in pagecache.receivers():
        assert signal.disconnect(sender=model, dispatch_uid=uid)
    yield
    pagecache.connect_signals()


def test_role_changes_show_at_once_without_the_page_cache(without_page_cache_signals, org_a):
    member = MembershipFactory(organization=org_a).user
    assert type(member).objects.get(pk=member.pk).has_perm("gaps.report_gap")
    org_a.status = OrganizationStatus.FORMER
    org_a.save()
    assert not type(member).objects.get(pk=member.pk).has_perm("gaps.report_gap")
    assert not type(member).objects.get(pk=member.pk).has_perm("members.needs_mfa")
    ProjectMember.objects.create(
        project=ResearchProjectFactory(), user=member, role=ProjectRole.LEAD
    )
    assert type(member).objects.get(pk=member.pk).has_perm("members.needs_mfa")
