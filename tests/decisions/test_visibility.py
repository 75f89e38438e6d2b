"""A restricted meeting's decisions stay restricted: the register, its page, CSV, API, feed,
site search and group pages show them only to staff and the responsible organizations'
people; public records are in the Atom feed of new decisions."""

from xml.etree import ElementTree

import pytest
from wagtail.models import PageViewRestriction

from network.decisions.enums import RecordKind
from tests.factories.decisions import DecisionFactory
from tests.factories.events import EventPageFactory
from tests.factories.groups import WorkingGroupFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def private_meeting(db):
    event = EventPageFactory(title="Closed briefing", slug="closed-briefing")
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    return event


@pytest.fixture
def records(org_a, private_meeting):
    public_meeting = EventPageFactory(title="Open workshop", slug="open-workshop")
    return {
        "public": DecisionFactory(
            text="Publish the questionnaire openly", responsible=[org_a], event=public_meeting
        ),
        "vote": DecisionFactory(kind=RecordKind.DECISION, text="Adopt the routes priority"),
        "restricted": DecisionFactory(
            text="Brief the ministries quietly", responsible=[org_a], event=private_meeting
        ),
    }


def _entries(client):
    response = client.get("/feeds/decisions/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 -- our own feed
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_feed_lists_public_decisions_newest_first_never_a_restricted_one(client, records, staff):
    expected = [
        "Decision: Adopt the routes priority",
        "Action point: Publish the questionnaire openly",
    ]
    assert _entries(client) == expected
    client.force_login(staff)  # a feed is the same for everyone
    assert _entries(client) == expected


def test_decision_list_links_its_feed(client):
    page = client.get("/decisions/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/feeds/decisions/"' in page


def test_feed_with_no_decision_is_an_empty_feed(client):
    assert _entries(client) == []


@pytest.mark.parametrize("who", ["anonymous", "focal_b"])
def test_restricted_decision_is_hidden_from_the_wrong_person_everywhere(
    client, records, who, focal_b
):
    if who == "focal_b":
        client.force_login(focal_b)
    restricted = records["restricted"]
    assert client.get(restricted.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/decisions/{restricted.pk}").status_code == 404
    for url in [
        "/decisions/",
        "/decisions/export.csv",
        "/api/v1/decisions",
        "/search/?q=ministries",
    ]:
        text = client.get(url).content.decode()
        assert "Brief the ministries" not in text, url
        assert "Closed briefing" not in text, url
    assert "Publish the questionnaire" in client.get("/decisions/").content.decode()


def test_restricted_decision_is_seen_by_its_responsible_organization_without_the_meeting(
    client, records, member_a
):
    client.force_login(member_a)
    restricted = records["restricted"]
    page = client.get(restricted.get_absolute_url()).content.decode()
    assert "Brief the ministries quietly" in page
    # Agency A answers for the record but may not see the meeting: it is not named.
    assert "A restricted meeting" in page and "Closed briefing" not in page
    register = client.get("/decisions/").content.decode()
    assert "Brief the ministries quietly" in register and "Closed briefing" not in register
    assert "Open workshop" in register
    search = client.get("/search/", {"q": "ministries"}).content.decode()
    assert restricted.get_absolute_url() in search
    api = client.get("/api/v1/decisions").json()
    assert {d["text"]: d["meeting"] for d in api["results"]}["Brief the ministries quietly"] is None


def test_staff_find_a_restricted_decision(client, records, staff):
    client.force_login(staff)
    search = client.get("/search/", {"q": "ministries"}).content.decode()
    assert records["restricted"].get_absolute_url() in search
    assert client.get(records["restricted"].get_absolute_url()).status_code == 200


def test_search_finds_public_decisions_for_anyone(client, records):
    page = client.get("/search/", {"q": "questionnaire openly"}).content.decode()
    assert records["public"].get_absolute_url() in page
    assert "Decisions and action points" in page


def test_group_page_lists_its_public_decisions_only(client, records, org_a):
    group = WorkingGroupFactory(name="Briefings", slug="briefings", conveners=[org_a])
    group.decisions.set([records["public"], records["restricted"]])
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Publish the questionnaire openly" in page
    assert "Brief the ministries" not in page


def test_view_rule_and_selector_give_the_same_answer(records, member_a, focal_b, staff):
    from django.contrib.auth.models import AnonymousUser

    from network.decisions.selectors import decisions_visible_to

    for person in (AnonymousUser(), member_a, focal_b, staff):
        visible = set(decisions_visible_to(person))
        for decision in records.values():
            assert person.has_perm("decisions.view_decision", decision) is (decision in visible)
    assert records["restricted"] in set(decisions_visible_to(member_a))
    assert records["restricted"] not in set(decisions_visible_to(focal_b))
