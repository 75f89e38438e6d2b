"""Search returns the same hits, in the same order, as the recorded golden results: the seed
content (`load_network_data`) plus factory content with every kind of visibility, for a fixed
set of queries, three kinds of searcher, the grouped view and each kind's pages.

The golden files were recorded on the search code before its performance work (issue 20),
one per database vendor, since SQLite's and PostgreSQL's full-text ranking differ. To record
again, on purpose only: `SEARCH_GOLDEN_RECORD=1 pytest tests/search/test_golden.py` (and the
same with the PostgreSQL DATABASE_URL)."""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from members.enums import MembershipRole
from projects.enums import ProjectRole, ProjectStatus
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.events import EventPageFactory
from tests.factories.gaps import DataGapFactory, IndicatorFactory, PriorityFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db

URL = "/search/"
GOLDEN = Path(__file__).parent / "golden"
QUERIES = [
    "labour",
    "trafficking",
    "begging",
    "child trafficking",
    "Moldova",
    "IOM",
    "UNICEF",
    "data collection",
    "sexual exploitation",
    "Innocenti",
    "forced labour children",
    "kosvo",
    "Golden-canary",
]
VIEWERS = ["anonymous", "member", "staff"]


@pytest.fixture
def network(db):
    """The seed content and, on top, content whose ranks differ and tie, at every visibility."""
    call_command("load_network_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    org = OrganizationFactory(
        name="Labour Rights Observatory", slug="golden-lro", mandate="Forced labour research."
    )
    member = MembershipFactory(organization=org, role=MembershipRole.MEMBER).user
    for n, visibility in enumerate(["public", "members", "hidden"]):
        UserFactory(
            display_name=f"Golden {visibility} researcher",
            visibility=visibility,
            bio="Studies forced labour and begging of children." * (n + 1),
        )
    for n in range(26):
        PublicationFactory(
            title=f"Labour report {n}" if n % 3 else f"Child begging survey {n}",
            summary=" ".join(["forced labour of children"] * (n % 4 + 1)) + " in Moldova.",
        )
    for n in range(7):
        DataGapFactory(
            reported_by=org,
            title=f"Labour exploitation gap {n}",
            description="Begging and labour are not disaggregated." if n % 2 else "",
        )
    PriorityFactory(title="Measure child labour", rationale="Labour and begging data.")
    IndicatorFactory(name="Children in forced labour", definition="Begging counted apart.")
    draft = ResearchProjectFactory(
        title="Golden-canary draft labour study",
        slug="golden-draft",
        status=ProjectStatus.DRAFT,
        lead_organization=org,
    )
    ProjectMemberFactory(project=draft, user=member, role=ProjectRole.LEAD)
    for n in range(3):
        ResearchProjectFactory(
            title=f"Child labour routes {n}", slug=f"golden-{n}", lead_organization=org
        )
    EventPageFactory(title="Workshop on child labour", purpose="<p>Labour and begging.</p>")
    EventPageFactory(title="Golden-canary unpublished labour event", live=False)
    return {"member": member}


def _login(client, viewer, network):
    if viewer == "member":
        client.force_login(network["member"])
    elif viewer == "staff":
        from tests.factories import with_totp

        client.force_login(with_totp(UserFactory(is_staff=True, is_superuser=True)))


def _titles(group):
    return [hit["title"] for hit in group["hits"]]


def snapshot(client):
    """What a searcher sees for each query: counts and previews per kind, then each kind's
    pages in full."""
    seen = {}
    for query in QUERIES:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200
        groups = response.context["groups"]
        kinds = {group["kind"].key: _titles(group) for group in groups}
        counts = {group["kind"].key: group["count"] for group in groups}
        pages = {}
        for kind, count in counts.items():
            if count <= len(kinds[kind]):
                continue
            pages[kind] = []
            for number in range(1, (count - 1) // 20 + 2):
                page = client.get(URL, {"q": query, "kind": kind, "page": number})
                (group,) = page.context["groups"]
                assert group["count"] == count
                pages[kind].extend(_titles(group))
        seen[query] = {
            "total": response.context["total"],
            "counts": counts,
            "previews": kinds,
            "pages": pages,
            "suggestions": [s for s, _ in response.context.get("suggestions", [])],
        }
    return seen


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_results_same_as_golden(client, network, viewer):
    _login(client, viewer, network)
    seen = snapshot(client)
    path = GOLDEN / f"{connection.vendor}-{viewer}.json"
    if os.environ.get("SEARCH_GOLDEN_RECORD") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(seen, indent=1, ensure_ascii=False) + "\n")
    assert seen == json.loads(path.read_text())


def test_search_golden_covers_ranking_paging_and_visibility(client, network):
    """The golden set is worth comparing: several pages, several kinds, drafts unseen."""
    seen = snapshot(client)
    assert len(seen["labour"]["pages"]["publications"]) > 20
    assert sum(1 for n in seen["trafficking"]["counts"].values() if n) >= 5
    assert seen["Golden-canary"]["total"] == 0
    assert "Golden hidden researcher" not in json.dumps(seen)
