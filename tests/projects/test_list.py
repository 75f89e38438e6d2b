"""The project list: who sees what, the filters, pagination, and a constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.enums import PartnerStatus, ProjectRole, ProjectStatus
from projects.models import ResearchProject
from tests.factories import OrganizationFactory
from tests.factories.projects import (
    OpenRoleFactory,
    PartnerOrganizationFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
)

pytestmark = pytest.mark.django_db


def _titles(response):
    return [project.title for project in response.context["page"].object_list]


def _make(n, organization):
    ResearchProject.objects.bulk_create(
        ResearchProject(
            title=f"Bulk project {i:04}",
            slug=f"bulk-{i}",
            summary="Bulk",
            lead_organization=organization,
            status=ProjectStatus.RECRUITING,
            themes=["root_causes"],
        )
        for i in range(n)
    )


def _count(client):
    client.get(reverse("projects:list"))  # warm: roles and second-factor answers are cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:list"))
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("signed_in", [False, True])
def test_project_list_queries_same_for_10_and_200_projects(client, org_a, lead, signed_in):
    if signed_in:
        client.force_login(lead)
    _make(10, org_a)
    ProjectMemberFactory(project=ResearchProject.objects.first(), user=lead, role=ProjectRole.LEAD)
    few, response = _count(client)
    assert response.context["page"].paginator.count == 10
    _make_more = [
        ResearchProject(title=f"More {i}", slug=f"more-{i}", summary="s", lead_organization=org_a)
        for i in range(190)
    ]
    ResearchProject.objects.bulk_create(_make_more)
    # Half of them are drafts nobody on this client is part of.
    ResearchProject.objects.filter(slug__startswith="more-").update(status=ProjectStatus.PROPOSED)
    ResearchProject.objects.filter(slug__in=[f"more-{i}" for i in range(0, 190, 2)]).update(
        status=ProjectStatus.DRAFT
    )
    many, response = _count(client)
    assert response.context["page"].paginator.count == 10 + 95
    assert few == many


def test_project_list_filters_by_status_theme_country_org_and_open_roles(client, org_a, org_b):
    routes = ResearchProjectFactory(
        title="Routes", lead_organization=org_a, themes=["patterns_flows"], countries=["AL"]
    )
    causes = ResearchProjectFactory(
        title="Causes",
        lead_organization=org_b,
        themes=["root_causes", "exploitation"],
        countries=["MD", "RO"],
        status=ProjectStatus.ACTIVE,
    )
    ResearchProjectFactory(title="Secret", lead_organization=org_a, status=ProjectStatus.DRAFT)
    PartnerOrganizationFactory(project=causes, organization=org_a, status=PartnerStatus.ACCEPTED)
    PartnerOrganizationFactory(project=routes, organization=org_b, status=PartnerStatus.INVITED)
    OpenRoleFactory(project=routes)
    OpenRoleFactory(project=causes, is_filled=True)
    url = reverse("projects:list")
    assert _titles(client.get(url)) == ["Causes", "Routes"]
    assert _titles(client.get(url, {"status": "active"})) == ["Causes"]
    assert _titles(client.get(url, {"theme": "exploitation"})) == ["Causes"]
    assert _titles(client.get(url, {"theme": "patterns_flows"})) == ["Routes"]
    assert _titles(client.get(url, {"country": "RO"})) == ["Causes"]
    # An accepted partner counts; an invitation not yet answered does not.
    assert _titles(client.get(url, {"organization": "agency-a"})) == ["Causes", "Routes"]
    assert _titles(client.get(url, {"organization": "agency-b"})) == ["Causes"]
    assert _titles(client.get(url, {"open_roles": "on"})) == ["Routes"]
    response = client.get(url, {"open_roles": "on"})
    assert "1 open role" in response.content.decode()


def test_project_list_bad_filter_reported_and_ignored(client, org_a):
    ResearchProjectFactory(title="Routes", lead_organization=org_a)
    response = client.get(reverse("projects:list"), {"status": "nonsense", "theme": "root_causes"})
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()
    assert _titles(response) == []


def test_project_list_bad_page_shows_last_page(client, org_a):
    _make(25, org_a)
    response = client.get(reverse("projects:list"), {"page": "99"})
    assert response.status_code == 200
    assert response.context["page"].number == 2
    assert "There is no page “99”: showing page 2 of 2." in response.content.decode()
    assert len(_titles(response)) == 5


def test_project_list_empty_state(client):
    response = client.get(reverse("projects:list"))
    assert "No project has been proposed yet." in response.content.decode()
    response = client.get(reverse("projects:list"), {"status": "active"})
    assert "No project matches these filters." in response.content.decode()


def test_project_list_other_org_filter_unknown_slug_ignored(client, org_a):
    ResearchProjectFactory(title="Routes", lead_organization=org_a)
    OrganizationFactory(name="Applicant", slug="applicant", status="applicant")
    response = client.get(reverse("projects:list"), {"organization": "applicant"})
    assert "Some filters were not understood" in response.content.decode()


def _mine_count(client):
    # Warm the shared caches (footer menu, the desk): the steady state is measured.
    client.get(reverse("projects:mine"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:mine"))
    assert response.status_code == 200
    return len(queries), response


def test_mine_queries_same_for_few_and_many_rows(client, network_member, org_a, org_b, focal_b):
    from projects import services

    def add(n, start):
        for i in range(start, start + n):
            project = ResearchProjectFactory(
                title=f"Mine {i}", lead_organization=org_a, status=ProjectStatus.RECRUITING
            )
            ProjectMemberFactory(project=project, user=focal_b, role=ProjectRole.LEAD)
            services.join_request_create(project=project, user=network_member)
            PartnerOrganizationFactory(project=project, organization=org_b)

    client.force_login(focal_b)
    add(2, 0)
    few, response = _mine_count(client)
    assert len(response.context["invitations"]) == 2
    add(12, 2)
    many, response = _mine_count(client)
    assert len(response.context["invitations"]) == 14
    assert len(response.context["projects"]) == 14
    assert len(response.context["notifications"]) == 14
    assert few == many


def test_gap_filter_offers_only_gaps_a_listed_project_addresses(client, org_a):
    from tests.factories.gaps import DataGapFactory

    addressed = DataGapFactory(reported_by=org_a, title="Gap a listed project addresses")
    drafted = DataGapFactory(reported_by=org_a, title="Gap only a draft addresses")
    DataGapFactory(reported_by=org_a, title="Gap no project addresses")
    ResearchProjectFactory(title="Listed", lead_organization=org_a).gaps.add(addressed)
    draft = ResearchProjectFactory(title="Hidden", status=ProjectStatus.DRAFT)
    draft.gaps.add(drafted)
    response = client.get(reverse("projects:list"))
    offered = [str(gap) for gap in response.context["form"].fields["gap"].queryset]
    assert offered == ["Gap a listed project addresses"]
    page = response.content.decode()
    assert "Gap only a draft addresses" not in page and "Gap no project addresses" not in page
    # Filtering by it still works.
    filtered = client.get(reverse("projects:list"), {"gap": addressed.pk})
    assert [p.title for p in filtered.context["page"]] == ["Listed"]
