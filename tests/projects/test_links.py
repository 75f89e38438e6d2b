"""Projects linked to the research agenda and the gap register: linking, claiming gaps on
activation, outputs that close gaps (status, history, heatmap), and what outsiders see."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.agenda.enums import PriorityStatus
from network.gaps.enums import GapStatus
from network.gaps.models import DataGap, GapEvidence, GapStatusChange
from projects import services
from projects.enums import ProjectRole, ProjectStatus
from projects.models import OutputClosesGap, ProjectOutput, ResearchProject
from tests.factories.gaps import CountryFactory, DataGapFactory, PriorityFactory, SubRegionFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db

CANARY = "CANARY-DRAFT-PROJECT-7f3a"


@pytest.fixture
def gap(db):
    return DataGapFactory(title="Re-trafficking is barely documented")


@pytest.fixture
def priority(gap):
    return PriorityFactory(title="Re-trafficking", status=PriorityStatus.ADOPTED, gaps=[gap])


def _ethics(project):
    ResearchProject.objects.filter(pk=project.pk).update(
        informed_consent=True,
        child_safeguarding=True,
        no_personal_data=True,
        ethics_review_body="University ethics board",
    )


def _cell(html, country_code, column):
    match = re.search(rf'country={country_code}&amp;area={column}">(\d+)</a>', html)
    return int(match.group(1)) if match else 0


# Linking


def test_propose_with_priorities_and_gaps_links_them(client, lead, org_a, gap, priority):
    other_gap = DataGapFactory(title="Internal trafficking is under-researched")
    client.force_login(lead)
    response = client.post(
        "/projects/new/",
        {
            "title": "Returning twice",
            "summary": "Why children are trafficked again.",
            "lead_organization": org_a.pk,
            "priorities": [priority.pk],
            "gaps": [gap.pk, other_gap.pk],
        },
    )
    project = ResearchProject.objects.get(title="Returning twice")
    assert response.status_code == 302
    assert list(project.priorities.all()) == [priority]
    assert set(project.gaps.all()) == {gap, other_gap}
    # A draft claims nothing.
    assert set(DataGap.objects.values_list("status", flat=True)) == {GapStatus.OPEN}


def test_propose_form_offers_priorities_and_gaps_with_labels(client, lead, gap, priority):
    client.force_login(lead)
    html = client.get("/projects/new/").content.decode()
    assert 'name="priorities"' in html and 'name="gaps"' in html
    assert "Re-trafficking (adopted)" in html
    assert "Re-trafficking is barely documented (open)" in html


def test_edit_changes_links(client, lead, project, gap, priority):
    project.gaps.add(gap)
    new_gap = DataGapFactory(title="Trafficking of men and boys")
    client.force_login(lead)
    response = client.post(
        f"/projects/{project.slug}/edit/",
        {
            "title": project.title,
            "summary": project.summary,
            "lead_organization": project.lead_organization_id,
            "priorities": [priority.pk],
            "gaps": [new_gap.pk],
        },
    )
    assert response.status_code == 302
    assert list(project.gaps.all()) == [new_gap]
    assert list(project.priorities.all()) == [priority]


def test_project_page_lists_linked_priorities_and_gaps(client, project, gap, priority):
    project.gaps.add(gap)
    project.priorities.add(priority)
    html = client.get(project.get_absolute_url()).content.decode()
    assert f'<a href="/gaps/{gap.pk}/">Re-trafficking is barely documented</a>' in html
    assert f'<a href="/agenda/{priority.pk}/">Re-trafficking</a>' in html


def test_gap_and_priority_pages_list_projects_addressing_them(client, project, gap, priority):
    project.gaps.add(gap)
    project.priorities.add(priority)
    link = f'<a href="/projects/{project.slug}/" lang="en">{project.title}</a>'
    assert link in client.get(f"/gaps/{gap.pk}/").content.decode()
    assert link in client.get(f"/agenda/{priority.pk}/").content.decode()
    other = DataGapFactory()
    assert "No research project addresses this gap yet." in (
        client.get(f"/gaps/{other.pk}/").content.decode()
    )


def test_project_list_filters_by_priority_and_gap(client, project, org_a, gap, priority):
    project.gaps.add(gap)
    project.priorities.add(priority)
    ResearchProjectFactory(title="Unrelated study", lead_organization=org_a)
    by_gap = client.get(f"/projects/?gap={gap.pk}").context["page"].object_list
    by_priority = client.get(f"/projects/?priority={priority.pk}").context["page"].object_list
    assert [p.title for p in by_gap] == [project.title]
    assert [p.title for p in by_priority] == [project.title]
    assert client.get("/projects/").context["page"].paginator.count == 2


# Claim on activation


def test_activation_claims_open_and_stale_gaps(client, lead, project):
    _ethics(project)
    gaps = {
        status: DataGapFactory(title=f"Gap {status}", status=status)
        for status in (GapStatus.OPEN, GapStatus.STALE, GapStatus.PARTLY_FILLED)
    }
    project.gaps.add(*gaps.values())
    client.force_login(lead)
    response = client.post(f"/projects/{project.slug}/status/", {"to_status": "active"})
    assert response.status_code == 302
    statuses = {g.title: g.status for g in DataGap.objects.all()}
    assert statuses == {
        "Gap open": GapStatus.BEING_ADDRESSED,
        "Gap stale": GapStatus.BEING_ADDRESSED,
        "Gap partly_filled": GapStatus.PARTLY_FILLED,
    }
    change = GapStatusChange.objects.get(gap=gaps[GapStatus.OPEN])
    assert (change.from_status, change.to_status, change.by) == (
        GapStatus.OPEN,
        GapStatus.BEING_ADDRESSED,
        lead,
    )
    assert change.reason == "Claimed by project “Routes of trafficked children”."
    assert not GapStatusChange.objects.filter(gap=gaps[GapStatus.PARTLY_FILLED]).exists()
    html = client.get(f"/gaps/{gaps[GapStatus.OPEN].pk}/").content.decode()
    assert "Claimed by project “Routes of trafficked children”." in html


def test_activation_refused_without_ethics_claims_nothing(client, lead, project, gap):
    project.gaps.add(gap)
    client.force_login(lead)
    response = client.post(f"/projects/{project.slug}/status/", {"to_status": "active"})
    assert response.status_code == 200
    assert "complete the ethics checklist" in response.content.decode()
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN
    assert not GapStatusChange.objects.exists()


def test_gap_linked_to_active_project_is_claimed(lead, project, gap):
    ResearchProject.objects.filter(pk=project.pk).update(status=ProjectStatus.ACTIVE)
    project.refresh_from_db()
    services.project_update(project=project, by=lead, gaps=[gap])
    gap.refresh_from_db()
    assert gap.status == GapStatus.BEING_ADDRESSED


# Outputs that close gaps


def test_output_closing_gap_changes_status_history_and_heatmap(client, lead, project):
    see = SubRegionFactory(name="South-Eastern Europe", slug="south-eastern-europe")
    moldova = CountryFactory(code="MD", sub_region=see)
    closed = DataGapFactory(title="Routes through Moldova", area="flows", countries=[moldova])
    DataGapFactory(title="Other Moldova gap", area="flows", countries=[moldova])
    project.gaps.add(closed)
    before = client.get("/gaps/heatmap/?status=open").content.decode()
    assert _cell(before, "MD", "flows") == 2

    client.force_login(lead)
    response = client.post(
        f"/projects/{project.slug}/outputs/new/",
        {
            "kind": "report",
            "title": "Routes report",
            "version": "1.0",
            "closes_gaps": [closed.pk],
            "fills": "partly",
        },
    )
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.status == GapStatus.PARTLY_FILLED
    output = ProjectOutput.objects.get(title="Routes report")
    assert list(OutputClosesGap.objects.values_list("output", "gap", "fills")) == [
        (output.pk, closed.pk, "partly")
    ]
    change = GapStatusChange.objects.get(gap=closed)
    assert (change.from_status, change.to_status, change.by) == (
        GapStatus.OPEN,
        GapStatus.PARTLY_FILLED,
        lead,
    )
    evidence = "Routes report 1.0 (output of the project “Routes of trafficked children”)"
    assert change.reason == f"Evidence: {evidence}"
    assert list(GapEvidence.objects.filter(gap=closed).values_list("title", flat=True)) == [
        evidence
    ]
    after = client.get("/gaps/heatmap/?status=open").content.decode()
    assert _cell(after, "MD", "flows") == 1
    partly = client.get("/gaps/heatmap/?status=partly_filled").content.decode()
    assert _cell(partly, "MD", "flows") == 1
    page = client.get(project.get_absolute_url()).content.decode()
    assert f'Closes: <a href="/gaps/{closed.pk}/">Routes through Moldova</a> (partly)' in page


def test_output_closing_gap_fully_marks_it_filled(lead, project, gap):
    project.gaps.add(gap)
    services.output_add(
        project=project, by=lead, kind="report", title="Final", closes_gaps=[gap], fills="fully"
    )
    gap.refresh_from_db()
    assert gap.status == GapStatus.FILLED


def test_output_closing_unlinked_gap_refused_nothing_changed(client, lead, project, gap):
    linked = DataGapFactory(title="Linked gap")
    project.gaps.add(linked)
    client.force_login(lead)
    response = client.post(
        f"/projects/{project.slug}/outputs/new/",
        {"kind": "report", "title": "Sneaky", "closes_gaps": [gap.pk], "fills": "fully"},
    )
    assert response.status_code == 200
    assert (
        f"An output can only close gaps its project addresses: “{gap.pk}” is not one of them."
        in response.content.decode()
    )
    assert not ProjectOutput.objects.exists()
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN
    assert not GapStatusChange.objects.exists()
    assert not GapEvidence.objects.exists()


def test_output_add_service_refuses_unlinked_gap(lead, project, gap):
    with pytest.raises(Exception) as error:
        services.output_add(
            project=project, by=lead, kind="report", title="Sneaky", closes_gaps=[gap]
        )
    assert "not linked to this project: “Re-trafficking is barely documented”" in str(error.value)
    assert not ProjectOutput.objects.exists()
    gap.refresh_from_db()
    assert gap.status == GapStatus.OPEN


def test_output_closing_filled_gap_refused_nothing_changed(client, lead, project):
    filled = DataGapFactory(title="Already filled", status=GapStatus.FILLED)
    project.gaps.add(filled)
    client.force_login(lead)
    response = client.post(
        f"/projects/{project.slug}/outputs/new/",
        {"kind": "report", "title": "Late", "closes_gaps": [filled.pk], "fills": "partly"},
    )
    assert response.status_code == 200
    assert "“Already filled”: This gap is already filled." in response.content.decode()
    assert not ProjectOutput.objects.exists()
    assert not OutputClosesGap.objects.exists()
    assert not GapEvidence.objects.exists()


def test_output_form_without_fills_choice_refused(client, lead, project, gap):
    project.gaps.add(gap)
    client.force_login(lead)
    response = client.post(
        f"/projects/{project.slug}/outputs/new/",
        {"kind": "report", "title": "Vague", "closes_gaps": [gap.pk]},
    )
    assert response.status_code == 200
    assert "Say whether the output closes the gaps partly or fully." in response.content.decode()
    assert not ProjectOutput.objects.exists()


# Visibility: drafts never leak


@pytest.fixture
def draft(org_a, lead, gap, priority):
    draft = ResearchProjectFactory(
        title=CANARY, lead_organization=org_a, status=ProjectStatus.DRAFT, created_by=lead
    )
    ProjectMemberFactory(project=draft, user=lead, role=ProjectRole.LEAD)
    draft.gaps.add(gap)
    draft.priorities.add(priority)
    return draft


def test_draft_project_absent_for_outsiders(client, draft, gap, priority, network_member):
    urls = [
        f"/gaps/{gap.pk}/",
        f"/agenda/{priority.pk}/",
        "/agenda/adopted/",
        "/agenda/adopted/print/",
        "/agenda/adopted.csv",
        f"/projects/?gap={gap.pk}",
    ]
    for user in (None, network_member):
        if user:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert CANARY not in response.content.decode(), (user, url)


def test_draft_project_shown_to_its_team_but_never_in_csv(client, draft, gap, priority, lead):
    client.force_login(lead)
    assert CANARY in client.get(f"/gaps/{gap.pk}/").content.decode()
    assert CANARY in client.get(f"/agenda/{priority.pk}/").content.decode()
    assert CANARY in client.get("/agenda/adopted/").content.decode()
    assert CANARY not in client.get("/agenda/adopted.csv").content.decode()


def test_adopted_agenda_lists_projects_per_priority(client, project, draft, priority):
    project.priorities.add(priority)
    html = client.get("/agenda/adopted/").content.decode()
    assert f'<a href="/projects/{project.slug}/" lang="en">{project.title}</a>' in html
    rows = list(csv.DictReader(io.StringIO(client.get("/agenda/adopted.csv").content.decode())))
    assert [(r["priority"], r["projects that address it"]) for r in rows] == [
        ("Re-trafficking", project.title)
    ]


# Query counts


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_gap_and_priority_pages_cost_the_same_for_1_and_20_projects(client, org_a, gap, priority):
    def link(n):
        for _ in range(n):
            p = ResearchProjectFactory(lead_organization=org_a)
            p.gaps.add(gap)
            p.priorities.add(priority)

    link(1)
    # Warm the shared caches (footer menu, filter choices): the steady state is measured.
    _count(client, f"/gaps/{gap.pk}/"), _count(client, f"/agenda/{priority.pk}/")
    few = (_count(client, f"/gaps/{gap.pk}/"), _count(client, f"/agenda/{priority.pk}/"))
    link(19)
    many = (_count(client, f"/gaps/{gap.pk}/"), _count(client, f"/agenda/{priority.pk}/"))
    assert few == many
    assert ResearchProject.objects.filter(gaps=gap).count() == 20
