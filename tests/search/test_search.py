import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from members.enums import OrganizationStatus
from network.library.models import Publication
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.library import PublicationFactory

pytestmark = pytest.mark.django_db

URL = "/search/"


def _titles(response, kind):
    for group in response.context["groups"]:
        if group["kind"].key == kind:
            return [hit["title"] for hit in group["hits"]]
    return []


def _counts(response):
    return {kind.key: n for kind, n in response.context["counts"]}


@pytest.fixture
def people(org_a):
    return {
        "public": UserFactory(display_name="Zebulon Public", visibility="public"),
        "members": UserFactory(display_name="Zebulon Members", visibility="members"),
        "hidden": UserFactory(display_name="Zebulon Hidden", visibility="hidden"),
    }


def test_search_people_for_anonymous_shows_public_only(client, people):
    response = client.get(URL, {"q": "zebulon"})
    assert _titles(response, "people") == ["Zebulon Public"]


def test_search_people_for_network_member_hides_hidden(client, people, member_a):
    client.force_login(member_a)
    response = client.get(URL, {"q": "zebulon"})
    assert sorted(_titles(response, "people")) == ["Zebulon Members", "Zebulon Public"]


def test_search_people_for_non_member_hides_members_only(client, people, plain_user):
    client.force_login(plain_user)
    assert _titles(client.get(URL, {"q": "zebulon"}), "people") == ["Zebulon Public"]


def test_search_hidden_person_absent_for_staff(client, people, staff):
    client.force_login(staff)
    titles = _titles(client.get(URL, {"q": "zebulon"}), "people")
    assert "Zebulon Hidden" not in titles
    assert sorted(titles) == ["Zebulon Members", "Zebulon Public"]


def test_search_hidden_person_finds_themselves(client, people):
    client.force_login(people["hidden"])
    assert "Zebulon Hidden" in _titles(client.get(URL, {"q": "zebulon"}), "people")


def test_search_organizations_members_only(client, db):
    OrganizationFactory(name="Quokka Admitted")
    OrganizationFactory(name="Quokka Applicant", status=OrganizationStatus.APPLICANT)
    OrganizationFactory(name="Quokka Former", status=OrganizationStatus.FORMER)
    OrganizationFactory(name="Quokka Declined", status=OrganizationStatus.DECLINED)
    response = client.get(URL, {"q": "quokka"})
    assert _titles(response, "organizations") == ["Quokka Admitted"]
    assert _counts(response)["organizations"] == 1


@pytest.fixture
def event_index(db):
    from events.models import EventIndexPage
    from home.models import HomePage
    from home.seed import load

    load()
    return EventIndexPage.objects.first() or HomePage.objects.first().add_child(
        instance=EventIndexPage(title="Events", slug="events-test")
    )


def _event(index, title, slug, live=True):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import EventPage

    start = timezone.now() + timedelta(days=10)
    page = EventPage(
        title=title,
        slug=slug,
        kind="expert_workshop",
        start=start,
        end=start + timedelta(days=1),
        purpose="<p>Platypus research</p>",
        live=live,
    )
    index.add_child(instance=page)
    return page


def test_search_events_hide_drafts_and_restricted_pages(client, event_index, member_a):
    _event(event_index, "Platypus workshop", "platypus-live")
    _event(event_index, "Platypus draft", "platypus-draft", live=False)
    private = _event(event_index, "Platypus private", "platypus-private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert _titles(client.get(URL, {"q": "platypus"}), "events") == ["Platypus workshop"]
    client.force_login(member_a)
    assert _titles(client.get(URL, {"q": "platypus"}), "events") == ["Platypus workshop"]


def test_search_publications_snippet_escapes_then_marks(client):
    PublicationFactory(
        title="Okapi study",
        summary="Data on <script>alert(1)</script> okapi & child trafficking.",
    )
    response = client.get(URL, {"q": "okapi"})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    hit = response.context["groups"][0]["hits"][0]
    assert str(hit["snippet"]) == (
        "Data on &lt;script&gt;alert(1)&lt;/script&gt; <mark>okapi</mark> &amp; child trafficking."
    )


def test_search_query_with_html_and_sql_is_harmless(client):
    PublicationFactory(title="Kept")
    response = client.get(URL, {"q": "<b>x</b>'; DROP TABLE library_publication; --"})
    assert response.status_code == 200
    assert "<b>x</b>'" not in response.content.decode()
    assert Publication.objects.count() == 1


def test_search_query_too_long_is_refused_with_message(client):
    response = client.get(URL, {"q": "a" * 2000})
    assert response.status_code == 200
    assert (
        "Search terms are limited to 200 characters; yours had 2000. Please shorten them."
        in response.content.decode()
    )
    assert response.context["groups"] == []


def test_search_kind_filter_and_pagination(client):
    for n in range(25):
        PublicationFactory(title=f"Wombat report {n}")
    response = client.get(URL, {"q": "wombat", "kind": "publications"})
    assert response.context["groups"][0]["count"] == 25
    assert len(response.context["groups"][0]["hits"]) == 20
    response = client.get(URL, {"q": "wombat", "kind": "publications", "page": 2})
    assert len(response.context["groups"][0]["hits"]) == 5
    response = client.get(URL, {"q": "wombat", "kind": "publications", "page": 9})
    assert "There is no page “9”: showing page 2 of 2." in response.content.decode()


def test_search_all_kinds_previews_five_with_link(client):
    for n in range(7):
        PublicationFactory(title=f"Wombat report {n}")
    response = client.get(URL, {"q": "wombat"})
    group = response.context["groups"][0]
    assert (group["count"], len(group["hits"])) == (7, 5)
    assert group["more_url"] == "/search/?q=wombat&kind=publications"
    assert "See all 7 publications" in response.content.decode()


def test_search_unknown_kind_shows_all_with_message(client):
    PublicationFactory(title="Wombat report")
    response = client.get(URL, {"q": "wombat", "kind": "secrets"})
    assert "There is nothing of the kind “secrets”: showing every kind." in (
        response.content.decode()
    )
    assert _titles(response, "publications") == ["Wombat report"]


def test_search_nothing_found_suggests(client):
    PublicationFactory(title="Trafficking in Kosovo")
    response = client.get(URL, {"q": "kosvo"})
    body = response.content.decode()
    assert response.context["total"] == 0
    assert 'Did you mean <a href="/search/?q=kosovo">kosovo</a>?' in body


def test_search_empty_query_shows_hint(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def _count_queries(client, params):
    client.get(URL, params)  # warm: roles and second-factor answers are cached after writes
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_search_query_count_same_for_10_and_200(client, org_a):
    member = MembershipFactory(organization=org_a).user
    client.force_login(member)
    for n in range(10):
        PublicationFactory(title=f"Narwhal study {n}", publishers=[org_a])
    few = _count_queries(client, {"q": "narwhal"})
    few_kind = _count_queries(client, {"q": "narwhal", "kind": "publications"})
    for n in range(190):
        PublicationFactory(title=f"Narwhal report {n}", publishers=[org_a])
    assert _count_queries(client, {"q": "narwhal"}) == few
    assert _count_queries(client, {"q": "narwhal", "kind": "publications"}) == few_kind
