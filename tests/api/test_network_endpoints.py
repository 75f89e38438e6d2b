"""API for the research agenda, the gap register, indicators and projects: reads with the
pages' filters, CSV, token writes allowed and refused, and what never leaves the team."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.enums import MembershipRole
from network.agenda.enums import PriorityStatus, Theme, VoteChoice, VoterRole
from network.agenda.models import Endorsement, Supporter, Vote
from network.gaps.models import DataGap
from projects.enums import ProjectRole, ProjectStatus
from projects.models import JoinRequest
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.gaps import (
    CountryFactory,
    DataGapFactory,
    IndicatorFactory,
    PriorityFactory,
    SubRegionFactory,
)
from tests.factories.projects import (
    OpenRoleFactory,
    PartnerOrganizationFactory,
    ProjectMemberFactory,
    ResearchProjectFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"
CANARY_TITLE = "CANARY-DRAFT-TITLE-7Q"
CANARY_NOTES = "TEAM-ONLY-CANARY-NOTES"
CANARY_CONTACT = "TEAM-ONLY-CANARY-CONTACT"


def _csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _ids(response):
    return [item["id"] for item in response.json()["results"]]


def _post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


# Priorities


def test_priorities_pagination_counts_and_filters(client, org_a, org_b, member_a):
    first = PriorityFactory(title="A first", theme=Theme.ETHICS)
    second = PriorityFactory(title="B second", status=PriorityStatus.UNDER_DISCUSSION)
    PriorityFactory(title="C third")
    Endorsement.objects.create(priority=second, organization=org_a)
    Endorsement.objects.create(priority=second, organization=org_b)
    Supporter.objects.create(priority=second, user=member_a)
    body = client.get(f"{API}/priorities", {"limit": 1, "offset": 1}).json()
    assert (body["count"], body["limit"], body["offset"]) == (3, 1, 1)
    [row] = body["results"]
    assert (row["title"], row["endorsement_count"], row["supporter_count"]) == ("B second", 2, 1)
    assert row["endorsed_by"] == ["agency-a", "agency-b"]
    assert row["vote_result"] is None
    assert row["url"] == f"http://testserver/agenda/{second.pk}/"
    assert _ids(client.get(f"{API}/priorities", {"theme": "ethics"})) == [first.pk]
    assert _ids(client.get(f"{API}/priorities", {"status": "under_discussion"})) == [second.pk]


def test_priority_closed_vote_has_result_and_roll_call(client, org_a, org_b, focal_a):
    now = timezone.now()
    priority = PriorityFactory(
        status=PriorityStatus.ADOPTED,
        vote_opens_at=now - timedelta(days=10),
        vote_closes_at=now - timedelta(days=1),
        quorum=50,
    )
    Vote.objects.create(
        priority=priority,
        organization=org_a,
        role=VoterRole.FOCAL_POINT,
        cast_by=focal_a,
        choice=VoteChoice.YES,
    )
    result = client.get(f"{API}/priorities/{priority.pk}").json()["vote_result"]
    assert (result["yes"], result["no"], result["participating"], result["member_count"]) == (
        1,
        0,
        1,
        2,
    )
    assert (result["quorum_met"], result["adopted"]) == (True, True)
    assert result["roll_call"] == [
        {"organization": "agency-a", "choice": "yes", "role": "focal_point"},
        {"organization": "agency-b", "choice": None, "role": None},
    ]
    [row] = _csv(client.get(f"{API}/priorities/export.csv"))
    assert (row["vote_yes"], row["vote_no"], row["vote_adopted"]) == ("1", "0", "True")


def test_priority_open_vote_shows_no_result(client, org_a, focal_a):
    now = timezone.now()
    priority = PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=now - timedelta(days=1),
        vote_closes_at=now + timedelta(days=5),
    )
    Vote.objects.create(
        priority=priority, organization=org_a, role="focal_point", choice=VoteChoice.NO
    )
    assert client.get(f"{API}/priorities/{priority.pk}").json()["vote_result"] is None


@pytest.mark.parametrize(
    "params", [{"theme": "astrology"}, {"status": "won"}, {"limit": 101}, {"offset": -1}]
)
def test_priorities_bad_filters_are_400(client, params):
    response = client.get(f"{API}/priorities", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid input — ")


def test_priority_detail_404(client, db):
    response = client.get(f"{API}/priorities/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "No such priority."


def test_endorse_by_focal_point_token(client, org_a, focal_a, bearer):
    priority = PriorityFactory()
    response = _post(
        client,
        f"{API}/priorities/{priority.pk}/endorsements",
        {"organization": org_a.pk},
        bearer(focal_a),
    )
    assert response.status_code == 201
    assert response.json() == {
        "priority": priority.pk,
        "organization": "agency-a",
        "endorsement_count": 1,
    }
    assert list(Endorsement.objects.values_list("priority", "organization", "endorsed_by")) == [
        (priority.pk, org_a.pk, focal_a.pk)
    ]


def test_endorse_by_alternate_token(client, org_a, alternate_a, bearer):
    priority = PriorityFactory()
    url = f"{API}/priorities/{priority.pk}/endorsements"
    response = _post(client, url, {"organization": org_a.pk}, bearer(alternate_a))
    assert response.status_code == 201
    assert Endorsement.objects.filter(priority=priority, organization=org_a).count() == 1


@pytest.mark.parametrize("who", ["member_a", "focal_b", "plain_user", "staff"])
def test_endorse_refused_is_403_and_nothing_changes(client, org_a, who, request, bearer):
    user = request.getfixturevalue(who)
    priority = PriorityFactory()
    url = f"{API}/priorities/{priority.pk}/endorsements"
    response = _post(client, url, {"organization": org_a.pk}, bearer(user))
    assert response.status_code == 403
    assert response.json()["detail"] == "You do not speak for Agency A."
    assert not Endorsement.objects.exists()


def test_endorse_anonymous_is_401(client, org_a):
    priority = PriorityFactory()
    response = client.post(
        f"{API}/priorities/{priority.pk}/endorsements",
        {"organization": org_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not Endorsement.objects.exists()


def test_endorse_twice_or_unknown_organization_is_refused(client, org_a, focal_a, bearer):
    priority = PriorityFactory()
    url = f"{API}/priorities/{priority.pk}/endorsements"
    assert _post(client, url, {"organization": org_a.pk}, bearer(focal_a)).status_code == 201
    again = _post(client, url, {"organization": org_a.pk}, bearer(focal_a))
    assert again.status_code == 422
    assert again.json()["detail"] == "Agency A has already endorsed this priority."
    unknown = _post(client, url, {"organization": 987654}, bearer(focal_a))
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == {"organization": ["No such organization."]}
    bad = _post(client, url, {"organization": "agency-a"}, bearer(focal_a))
    assert bad.status_code == 400
    assert "organization" in bad.json()["errors"]
    assert Endorsement.objects.count() == 1


def test_endorse_retired_priority_is_422(client, org_a, focal_a, bearer):
    priority = PriorityFactory(status=PriorityStatus.RETIRED)
    url = f"{API}/priorities/{priority.pk}/endorsements"
    response = _post(client, url, {"organization": org_a.pk}, bearer(focal_a))
    assert response.status_code == 422
    assert response.json()["detail"] == "This priority is no longer open for endorsement."
    assert not Endorsement.objects.exists()


# Gaps


@pytest.fixture
def places(db):
    see = SubRegionFactory(name="South-Eastern Europe", slug="see")
    cis = SubRegionFactory(name="CIS", slug="cis")
    return {
        "see": see,
        "cis": cis,
        "AL": CountryFactory(code="AL", sub_region=see),
        "MD": CountryFactory(code="MD", sub_region=see),
        "UA": CountryFactory(code="UA", sub_region=cis),
    }


def test_gaps_pagination_and_filters(client, org_a, places):
    albania = DataGapFactory(
        reported_by=org_a,
        title="Albania labour",
        countries=[places["AL"]],
        forms=["labour"],
        missing_disaggregations=["age"],
        area="impact",
    )
    region = DataGapFactory(reported_by=org_a, title="Region", sub_regions=[places["see"]])
    ukraine = DataGapFactory(
        reported_by=org_a, title="Ukraine", countries=[places["UA"]], status="filled"
    )
    body = client.get(f"{API}/gaps", {"limit": 2, "offset": 0}).json()
    assert (body["count"], len(body["results"])) == (3, 2)
    assert body["results"][0]["reported_by"] == "agency-a"
    assert sorted(_ids(client.get(f"{API}/gaps", {"country": "al"}))) == sorted(
        [albania.pk, region.pk]
    )
    assert sorted(_ids(client.get(f"{API}/gaps", {"sub_region": "see"}))) == sorted(
        [albania.pk, region.pk]
    )
    assert _ids(client.get(f"{API}/gaps", {"sub_region": "cis"})) == [ukraine.pk]
    assert _ids(client.get(f"{API}/gaps", {"form": "labour"})) == [albania.pk]
    assert _ids(client.get(f"{API}/gaps", {"disaggregation": "age"})) == [albania.pk]
    assert _ids(client.get(f"{API}/gaps", {"area": "impact"})) == [albania.pk]
    assert _ids(client.get(f"{API}/gaps", {"status": "filled"})) == [ukraine.pk]
    detail = client.get(f"{API}/gaps/{albania.pk}").json()
    assert (detail["countries"], detail["forms"]) == (["AL"], ["labour"])
    assert client.get(f"{API}/gaps/999999").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"area": "weather"},
        {"country": "ALB"},
        {"form": "x"},
        {"disaggregation": "shoe"},
        {"status": "done"},
        {"limit": 1000},
        {"sub_region": "x" * 61},
    ],
)
def test_gaps_bad_filters_are_400(client, params):
    response = client.get(f"{API}/gaps", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid input — ")


def test_gaps_csv_export_filters(client, org_a, places):
    DataGapFactory(reported_by=org_a, title="=cmd()", countries=[places["AL"], places["MD"]])
    DataGapFactory(reported_by=org_a, title="Other", countries=[places["UA"]])
    rows = _csv(client.get(f"{API}/gaps/export.csv", {"country": "MD"}))
    assert [(r["title"], r["countries"]) for r in rows] == [("'=cmd()", "AL;MD")]


def test_gaps_query_count_same_for_few_and_many(client, org_a, places):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/gaps", {"limit": 100}).status_code == 200
        return len(queries)

    DataGapFactory(reported_by=org_a, countries=[places["AL"]], sub_regions=[places["see"]])
    few = count()
    for _ in range(15):
        org = OrganizationFactory()
        DataGapFactory(reported_by=org, countries=[places["MD"]], sub_regions=[places["cis"]])
    assert count() == few


GAP = {
    "organization": "agency-a",
    "title": "No data on boys in begging",
    "description": "No source separates boys from girls.",
    "area": "disaggregation",
    "empty_reason": "not_collected",
    "countries": ["al"],
    "sub_regions": ["cis"],
    "forms": ["begging"],
    "missing_disaggregations": ["sex"],
    "evidence": [{"title": "Survey 2004", "url": "https://example.org/s"}],
}


def test_gap_report_by_member_token(client, member_a, places, bearer):
    response = _post(client, f"{API}/gaps", GAP, bearer(member_a))
    assert response.status_code == 201
    gap = DataGap.objects.get()
    assert response.json()["id"] == gap.pk
    assert (gap.title, gap.reported_by.slug, gap.reported_by_user) == (
        "No data on boys in begging",
        "agency-a",
        member_a,
    )
    assert [str(c.code) for c in gap.countries.all()] == ["AL"]
    assert [s.slug for s in gap.sub_regions.all()] == ["cis"]
    assert (gap.forms, gap.missing_disaggregations) == (["begging"], ["sex"])
    assert list(gap.evidence.values_list("title", flat=True)) == ["Survey 2004"]
    assert list(gap.history.values_list("to_status", flat=True)) == ["open"]


def test_gap_report_non_member_is_403(client, plain_user, org_a, places, bearer):
    response = _post(client, f"{API}/gaps", GAP, bearer(plain_user))
    assert response.status_code == 403
    assert response.json()["detail"] == "Only people from member organizations report gaps."
    assert not DataGap.objects.exists()


def test_gap_report_for_other_organization_is_403(client, member_a, org_b, places, bearer):
    response = _post(client, f"{API}/gaps", {**GAP, "organization": "agency-b"}, bearer(member_a))
    assert response.status_code == 403
    assert response.json()["detail"] == "You can report gaps only for your own organization."
    assert not DataGap.objects.exists()


def test_gap_report_anonymous_is_401(client, org_a, places):
    response = client.post(f"{API}/gaps", GAP, content_type="application/json")
    assert response.status_code == 401
    assert not DataGap.objects.exists()


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        # 400: the body does not match the schema; 422: it does, but cannot be accepted.
        ({"countries": ["ZZ"], "sub_regions": ["nowhere"]}, 422, "countries"),
        ({"countries": [], "sub_regions": []}, 422, "countries"),
        ({"countries": ["Moldova"]}, 400, "0"),
        ({"organization": "no-such-org"}, 422, "organization"),
        ({"area": "weather"}, 400, "area"),
        ({"title": ""}, 400, "title"),
        ({"horizon": "2001-01-01"}, 422, "horizon"),
        ({"reporter": "me"}, 400, "reporter"),
    ],
)
def test_gap_report_bad_input_is_refused(client, member_a, places, bearer, change, status, field):
    response = _post(client, f"{API}/gaps", {**GAP, **change}, bearer(member_a))
    assert response.status_code == status
    body = response.json()
    assert body["detail"]
    assert field in body["errors"]
    assert not DataGap.objects.exists()


# Indicators


def test_indicators_list_filter_and_csv(client, org_a):
    gap = DataGapFactory(reported_by=org_a)
    age = IndicatorFactory(name="Children identified", disaggregations=["age", "sex"])
    age.gaps.add(gap)
    other = IndicatorFactory(name="Convictions", disaggregations=["nationality"])
    body = client.get(f"{API}/indicators", {"limit": 1}).json()
    assert (body["count"], [r["name"] for r in body["results"]]) == (2, ["Children identified"])
    assert body["results"][0]["gaps"] == [gap.pk]
    assert _ids(client.get(f"{API}/indicators", {"disaggregation": "nationality"})) == [other.pk]
    assert _ids(client.get(f"{API}/indicators", {"gap": gap.pk})) == [age.pk]
    rows = _csv(client.get(f"{API}/indicators/export.csv"))
    assert [(r["name"], r["disaggregations"]) for r in rows] == [
        ("Children identified", "age;sex"),
        ("Convictions", "nationality"),
    ]
    assert client.get(f"{API}/indicators", {"disaggregation": "shoe"}).status_code == 400


# Projects


@pytest.fixture
def team(org_a, member_a):
    """A draft whose title is a canary, and a public project with team-only canaries."""
    draft = ResearchProjectFactory(
        title=f"{CANARY_TITLE} secret plan",
        slug="draft",
        status=ProjectStatus.DRAFT,
        lead_organization=org_a,
    )
    public = ResearchProjectFactory(
        title="Routes in Moldova",
        slug="public",
        status=ProjectStatus.RECRUITING,
        lead_organization=org_a,
    )
    for project in (draft, public):
        ProjectMemberFactory(project=project, user=member_a, role=ProjectRole.LEAD)
    return {"draft": draft, "public": public}


def _leaks(content):
    text = content.decode() if isinstance(content, bytes) else content
    return [c for c in (CANARY_TITLE, CANARY_NOTES, CANARY_CONTACT) if c in text]


@pytest.mark.parametrize("who", [None, "plain_user", "focal_b"])
def test_projects_draft_and_team_fields_never_reach_outsiders(client, team, who, request, bearer):
    headers = bearer(request.getfixturevalue(who)) if who else {}
    listing = client.get(f"{API}/projects", **headers)
    assert [p["slug"] for p in listing.json()["results"]] == ["public"]
    for response in (
        listing,
        client.get(f"{API}/projects/export.csv", **headers),
        client.get(f"{API}/projects/public", **headers),
        client.get("/feeds/gaps/"),
        client.get("/feeds/priorities/adopted/"),
    ):
        assert response.status_code == 200
        assert _leaks(response.content) == []
    assert client.get(f"{API}/projects/draft", **headers).status_code == 404


def test_projects_team_sees_its_draft_but_never_team_only_fields(client, team, member_a, bearer):
    response = client.get(f"{API}/projects", **bearer(member_a))
    assert sorted(p["slug"] for p in response.json()["results"]) == ["draft", "public"]
    assert _leaks(response.content) == [CANARY_TITLE]
    rows = _csv(client.get(f"{API}/projects/export.csv", **bearer(member_a)))
    assert sorted(r["slug"] for r in rows) == ["draft", "public"]
    detail = client.get(f"{API}/projects/draft", **bearer(member_a)).json()
    assert "internal_notes" not in detail and "contact_details" not in detail


def test_projects_filters(client, org_a, org_b):
    lead_b = ResearchProjectFactory(
        slug="b-lead", lead_organization=org_b, status="active", themes=["ethics_participation"]
    )
    partnered = ResearchProjectFactory(
        slug="a-partner-b", lead_organization=org_a, countries=["UA"], status="recruiting"
    )
    PartnerOrganizationFactory(project=partnered, organization=org_b, status="accepted")
    hiring = ResearchProjectFactory(slug="hiring", lead_organization=org_a)
    OpenRoleFactory(project=hiring)
    OpenRoleFactory(project=partnered, is_filled=True)

    def slugs(params):
        response = client.get(f"{API}/projects", params)
        assert response.status_code == 200
        return sorted(p["slug"] for p in response.json()["results"])

    assert slugs({"status": "active"}) == ["b-lead"]
    assert slugs({"theme": "ethics_participation"}) == ["b-lead"]
    assert slugs({"country": "ua"}) == ["a-partner-b"]
    assert slugs({"organization": "agency-b"}) == ["a-partner-b", "b-lead"]
    # Like every filter that matches nothing: an empty list, not an error.
    assert slugs({"organization": "no-such-org"}) == []
    assert slugs({"has_open_roles": "true"}) == ["hiring"]
    body = client.get(f"{API}/projects/hiring").json()
    assert [r["title"] for r in body["open_roles"]] == ["A researcher with Romanian, 6 months"]
    assert client.get(f"{API}/projects/a-partner-b").json()["partners"] == ["agency-b"]
    assert lead_b.slug in slugs({"limit": 100})


@pytest.mark.parametrize(
    "params",
    [
        {"status": "paused"},
        {"theme": "x"},
        {"country": "MDA"},
        {"has_open_roles": "perhaps"},
        {"limit": 0},
    ],
)
def test_projects_bad_filters_are_400(client, params):
    response = client.get(f"{API}/projects", params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid input — ")


def test_projects_query_count_same_for_few_and_many(client, org_a):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/projects", {"limit": 100}).status_code == 200
        return len(queries)

    project = ResearchProjectFactory(lead_organization=org_a)
    OpenRoleFactory(project=project)
    few = count()
    for _ in range(12):
        project = ResearchProjectFactory()
        OpenRoleFactory(project=project)
        PartnerOrganizationFactory(project=project, organization=org_a, status="accepted")
    assert count() == few


def test_join_request_by_network_member_token(client, team, focal_b, bearer):
    role = OpenRoleFactory(project=team["public"])
    response = _post(
        client,
        f"{API}/projects/public/join-requests",
        {"message": "I ran the survey.", "role": role.pk},
        bearer(focal_b),
    )
    assert response.status_code == 201
    assert response.json() == {"project": "public", "role": role.pk, "status": "pending"}
    assert list(JoinRequest.objects.values_list("project__slug", "user", "message", "role")) == [
        ("public", focal_b.pk, "I ran the survey.", role.pk)
    ]


@pytest.mark.parametrize("who", ["plain_user", "member_a"])
def test_join_request_refused_is_403(client, team, who, request, bearer):
    response = _post(
        client, f"{API}/projects/public/join-requests", {}, bearer(request.getfixturevalue(who))
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("You cannot ask to join this project")
    assert not JoinRequest.objects.exists()


def test_join_request_to_draft_is_404_for_outsider(client, team, focal_b, bearer):
    response = _post(client, f"{API}/projects/draft/join-requests", {}, bearer(focal_b))
    assert response.status_code == 404
    assert _leaks(response.content) == []
    assert not JoinRequest.objects.exists()


def test_join_request_twice_or_bad_role_is_422(client, team, focal_b, bearer):
    url = f"{API}/projects/public/join-requests"
    assert _post(client, url, {}, bearer(focal_b)).status_code == 201
    again = _post(client, url, {}, bearer(focal_b))
    assert again.status_code == 422
    assert again.json()["detail"].startswith("You have already asked to join this project.")
    other = MembershipFactory(organization=OrganizationFactory(), role=MembershipRole.MEMBER).user
    filled = OpenRoleFactory(project=team["public"], is_filled=True)
    bad = _post(client, url, {"role": filled.pk}, bearer(other))
    assert bad.status_code == 422
    assert bad.json()["errors"] == {"role": ["That role is not open on this project."]}
    assert JoinRequest.objects.count() == 1


def test_join_request_anonymous_is_401(client, team):
    response = client.post(
        f"{API}/projects/public/join-requests", {}, content_type="application/json"
    )
    assert response.status_code == 401
    assert not JoinRequest.objects.exists()


def test_openapi_lists_new_endpoints(client, db):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/priorities",
        "/api/v1/priorities/{pk}/endorsements",
        "/api/v1/gaps",
        "/api/v1/gaps/export.csv",
        "/api/v1/indicators",
        "/api/v1/projects",
        "/api/v1/projects/{slug}/join-requests",
    ):
        assert path in paths


# Feeds


def _channel(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel")  # noqa: S314 -- our own feed


def test_adopted_priorities_feed_links_back(client, org_a):
    adopted = PriorityFactory(
        title="Adopted one", status=PriorityStatus.ADOPTED, proposing_organization=org_a
    )
    PriorityFactory(title="Still proposed")
    channel = _channel(client.get("/feeds/priorities/adopted/"))
    assert channel.findtext("link") == "http://testserver/agenda/adopted/"
    items = channel.findall("item")
    assert [(i.findtext("title"), i.findtext("link")) for i in items] == [
        ("Adopted one", f"http://testserver/agenda/{adopted.pk}/")
    ]


def test_new_gaps_feed_newest_first_linking_back(client, org_a):
    older = DataGapFactory(reported_by=org_a, title="Older gap")
    newer = DataGapFactory(
        reported_by=org_a, title="Newer gap", created_at=older.created_at + timedelta(hours=1)
    )
    channel = _channel(client.get("/feeds/gaps/"))
    assert channel.findtext("link") == "http://testserver/gaps/"
    assert [(i.findtext("title"), i.findtext("link")) for i in channel.findall("item")] == [
        ("Newer gap", f"http://testserver/gaps/{newer.pk}/"),
        ("Older gap", f"http://testserver/gaps/{older.pk}/"),
    ]
