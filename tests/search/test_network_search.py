"""Site search over priorities, gaps, indicators and projects: drafts and team-only fields
are never found by outsiders."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.enums import ProjectRole, ProjectStatus
from tests.factories.gaps import DataGapFactory, IndicatorFactory, PriorityFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db

URL = "/search/"
CANARY_TITLE = "Quokkacanary"
CANARY_NOTES = "TEAM-ONLY-CANARY-NOTES"
CANARY_CONTACT = "TEAM-ONLY-CANARY-CONTACT"


def _hits(response, kind):
    for group in response.context["groups"]:
        if group["kind"].key == kind:
            return [(hit["title"], hit["url"]) for hit in group["hits"]]
    return []


def test_search_finds_priorities_gaps_and_indicators(client, org_a):
    gap = DataGapFactory(
        reported_by=org_a, title="Ocelot routes unknown", description="No ocelot data."
    )
    priority = PriorityFactory(title="Map ocelot routes", rationale="Ocelots matter.")
    indicator = IndicatorFactory(name="Ocelot crossings", definition="Ocelots counted.")
    response = client.get(URL, {"q": "ocelot"})
    assert _hits(response, "gaps") == [("Ocelot routes unknown", f"/gaps/{gap.pk}/")]
    assert _hits(response, "priorities") == [("Map ocelot routes", f"/agenda/{priority.pk}/")]
    assert _hits(response, "indicators") == [
        ("Ocelot crossings", f"/gaps/indicators/#indicator-{indicator.pk}")
    ]
    counts = {kind.key: n for kind, n in response.context["counts"]}
    assert (counts["gaps"], counts["priorities"], counts["indicators"]) == (1, 1, 1)


def test_search_kind_filter_for_gaps(client, org_a):
    for n in range(3):
        DataGapFactory(reported_by=org_a, title=f"Ibex gap {n}")
    response = client.get(URL, {"q": "ibex", "kind": "gaps"})
    assert response.context["groups"][0]["count"] == 3
    assert response.context["groups"][0]["kind"].key == "gaps"


@pytest.fixture
def projects(org_a, member_a):
    draft = ResearchProjectFactory(
        title=f"{CANARY_TITLE} draft study",
        slug="draft",
        status=ProjectStatus.DRAFT,
        lead_organization=org_a,
    )
    public = ResearchProjectFactory(
        title="Quokka routes study", slug="public", lead_organization=org_a
    )
    for project in (draft, public):
        ProjectMemberFactory(project=project, user=member_a, role=ProjectRole.LEAD)
    return {"draft": draft, "public": public}


@pytest.mark.parametrize("who", [None, "plain_user", "focal_b"])
def test_search_draft_project_absent_for_outsiders(client, projects, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    for query in ("quokka", "study", "draft"):
        response = client.get(URL, {"q": query})
        assert response.status_code == 200
        assert CANARY_TITLE not in response.content.decode()
    assert _hits(client.get(URL, {"q": "quokka"}), "projects") == [
        ("Quokka routes study", "/projects/public/")
    ]
    assert _hits(client.get(URL, {"q": "quokkacanary"}), "projects") == []


@pytest.mark.parametrize("who", ["member_a", "staff"])
def test_search_draft_project_found_by_its_team_and_staff(client, projects, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL, {"q": "quokkacanary"})
    assert _hits(response, "projects") == [(f"{CANARY_TITLE} draft study", "/projects/draft/")]


@pytest.mark.parametrize("who", [None, "plain_user", "member_a", "staff"])
def test_search_never_matches_team_only_fields(client, projects, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    for query in ("canary", CANARY_NOTES, CANARY_CONTACT):
        response = client.get(URL, {"q": query})
        assert _hits(response, "projects") == []
    response = client.get(URL, {"q": "quokka"})
    assert CANARY_NOTES not in response.content.decode()
    assert CANARY_CONTACT not in response.content.decode()


def _count(client, params):
    client.get(URL, params)  # warm: roles and second-factor answers are cached after writes
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_search_projects_and_gaps_query_count_same_for_few_and_many(client, org_a, member_a):
    client.force_login(member_a)
    ResearchProjectFactory(title="Wombat study", lead_organization=org_a)
    DataGapFactory(reported_by=org_a, title="Wombat gap")
    few = _count(client, {"q": "wombat"})
    few_projects = _count(client, {"q": "wombat", "kind": "projects"})
    for n in range(25):
        ResearchProjectFactory(title=f"Wombat study {n}", lead_organization=org_a)
        DataGapFactory(reported_by=org_a, title=f"Wombat gap {n}")
    assert _count(client, {"q": "wombat"}) == few
    assert _count(client, {"q": "wombat", "kind": "projects"}) == few_projects


@pytest.mark.skipif(connection.vendor != "postgresql", reason="counted together on PostgreSQL")
@pytest.mark.parametrize("query", ["wombat", "wombat gap"])  # a word's ranks, a phrase's matches
def test_search_one_kind_page_counts_every_kind_in_one_query(client, org_a, member_a, query):
    """The page of one kind shows every kind's count in its tabs: one query for all of them,
    one for the kind's page of hits, no more than the page of every kind and one."""
    client.force_login(member_a)
    ResearchProjectFactory(title="Wombat study", lead_organization=org_a)
    DataGapFactory(reported_by=org_a, title="Wombat gap")
    response = client.get(URL, {"q": query, "kind": "gaps"})
    assert dict((kind.key, n) for kind, n in response.context["counts"])["gaps"] == 1
    assert _count(client, {"q": query, "kind": "gaps"}) == _count(client, {"q": query}) + 1


def test_search_with_no_hit_offers_the_lists_to_browse(client, db):
    page = client.get("/search/?q=zzqqxxnothing").content.decode()
    assert "Nothing matches" in page
    assert '<a href="/decisions/">decisions and action points</a>.</p>' in page  # no ", ."
    assert ", ." not in page
