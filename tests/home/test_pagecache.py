"""The page cache (network/platform/pagecache.py): shared per kind of viewer, never one
person's view shown to another, and a write shows at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from members.enums import MembershipRole, Visibility
from projects.enums import ProjectStatus
from tests.factories import MembershipFactory, UserFactory
from tests.factories.gaps import PriorityFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_cached_projects_page_never_shows_one_persons_view_to_another(org_a, org_b):
    team = MembershipFactory(organization=org_a, user__display_name="Team Ana").user
    outsider = MembershipFactory(
        organization=org_b, role=MembershipRole.FOCAL_POINT, user__display_name="Outsider Bo"
    ).user
    colleague = MembershipFactory(organization=org_b, user__display_name="Colleague Cy").user
    draft = ResearchProjectFactory(title="Draft canary study", status=ProjectStatus.DRAFT)
    ProjectMemberFactory(project=draft, user=team)
    ResearchProjectFactory(title="Published route study", lead_organization=org_a)

    page, _ = get(signed_in(team), "/projects/")
    assert "Draft canary study" in page and "Team Ana" in page

    # Same kind of viewer as each other, not as the team: the second is served from the cache
    # (fewer queries) with their own name and sign-out form, and neither sees the draft.
    first, missed = get(signed_in(outsider), "/projects/")
    second, hit = get(signed_in(colleague), "/projects/")
    assert hit < missed
    for page, own, other in (
        (first, "Outsider Bo", "Colleague Cy"),
        (second, "Colleague Cy", "Outsider Bo"),
    ):
        assert "Published route study" in page
        assert "Draft canary study" not in page
        assert own in page and other not in page and "Team Ana" not in page
        assert "csrfmiddlewaretoken" in page
    anonymous, _ = get(Client(), "/projects/")
    assert "Draft canary study" not in anonymous
    assert "Sign in" in anonymous and "Sign out" not in anonymous
    assert not any(name in anonymous for name in ("Team Ana", "Outsider Bo", "Colleague Cy"))
    # The team member, after everyone else filled the cache, still sees the draft.
    page, _ = get(signed_in(team), "/projects/")
    assert "Draft canary study" in page and "Outsider Bo" not in page


@pytest.mark.django_db
def test_a_person_added_to_a_drafts_team_sees_it_on_the_cached_list_at_once(org_a):
    """What sets a viewer's cached list apart (their teams' drafts) is itself kept until a
    write to projects: joining a team is one."""
    person = MembershipFactory(organization=org_a, user__display_name="Newcomer Di").user
    colleague = MembershipFactory(organization=org_a, user__display_name="Colleague Ed").user
    draft = ResearchProjectFactory(title="Draft newcomer study", status=ProjectStatus.DRAFT)
    client = signed_in(person)
    page, _ = get(client, "/projects/")
    assert "Draft newcomer study" not in page
    member = ProjectMemberFactory(project=draft, user=person)
    page, _ = get(client, "/projects/")
    assert "Draft newcomer study" in page
    # Cached under the newcomer's own variant, never the one their colleague shares.
    page, _ = get(signed_in(colleague), "/projects/")
    assert "Draft newcomer study" not in page and "Colleague Ed" in page
    member.delete()
    page, _ = get(client, "/projects/")
    assert "Draft newcomer study" not in page


@pytest.mark.django_db
def test_cached_search_shows_a_hidden_person_only_themself(org_a):
    hidden = MembershipFactory(
        organization=org_a, user__display_name="Zelda Hiddenperson", user__visibility="hidden"
    ).user
    other = MembershipFactory(organization=org_a, user__display_name="Otto Other").user
    assert hidden.visibility == Visibility.HIDDEN
    own, _ = get(signed_in(hidden), "/search/?q=Hiddenperson")
    theirs, _ = get(signed_in(other), "/search/?q=Hiddenperson")
    again, _ = get(signed_in(hidden), "/search/?q=Hiddenperson")
    assert "Zelda Hiddenperson" in own.split("<!--/account-->")[1]
    assert "Zelda Hiddenperson" not in theirs
    assert "Zelda Hiddenperson" in again.split("<!--/account-->")[1]


@pytest.mark.django_db
def test_cached_page_shows_a_write_at_once(org_a):
    client = Client()
    before, _ = get(client, "/library/")
    cached, _ = get(client, "/library/")
    assert cached == before
    publication = PublicationFactory(title="Fresh labour market study", publishers=[org_a])
    after, _ = get(client, "/library/")
    assert "Fresh labour market study" in after
    publication.delete()
    gone, _ = get(client, "/library/")
    assert "Fresh labour market study" not in gone
    # A signed-in person with a message waiting gets it, not a cached page without it.
    member = UserFactory()
    visitor = signed_in(member)
    get(visitor, "/library/")
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    storage = CookieStorage(visitor.get("/healthz").wsgi_request)
    storage.add(constants.SUCCESS, "Your publication was saved.")
    response = visitor.get("/healthz")
    storage.update(response)
    visitor.cookies.update(response.cookies)
    page, _ = get(visitor, "/library/")
    assert "Your publication was saved." in page


# The fast path (FastPageCacheMiddleware): before routing and the view.


@pytest.mark.django_db
def test_anonymous_repeat_visit_costs_no_query_and_a_write_shows_at_once(org_a):
    visitor = Client()
    first, _ = get(visitor, "/library/")
    again, queries = get(visitor, "/library/")
    assert again == first and queries == 0
    PublicationFactory(title="Fresh trafficking routes study", publishers=[org_a])
    after, _ = get(visitor, "/library/")
    assert "Fresh trafficking routes study" in after


@pytest.mark.django_db
def test_anonymous_page_is_never_served_to_someone_with_a_session(org_a):
    get(Client(), "/projects/")
    get(Client(), "/projects/")
    member = MembershipFactory(organization=org_a, user__display_name="Signed Sam").user
    page, queries = get(signed_in(member), "/projects/")
    assert queries > 0
    assert "Signed Sam" in page and "Sign out" in page


@pytest.mark.django_db
def test_api_without_token_is_cached_and_a_token_reads_its_own_view(org_a):
    from members.services import token_create

    lead = MembershipFactory(organization=org_a).user
    draft = ResearchProjectFactory(title="Draft token canary", status=ProjectStatus.DRAFT)
    ProjectMemberFactory(project=draft, user=lead)
    _, raw = token_create(user=lead, name="script")
    anonymous = Client()
    first = anonymous.get("/api/v1/projects")
    with CaptureQueriesContext(connection) as queries:
        again = anonymous.get("/api/v1/projects")
    assert again.content == first.content and len(queries) == 0
    assert "Draft token canary" not in again.content.decode()
    with CaptureQueriesContext(connection) as queries:
        theirs = Client().get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert len(queries) > 0
    assert "Draft token canary" in theirs.content.decode()


@pytest.mark.django_db
def test_agenda_fast_path_ends_when_the_next_vote_closes(monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from network.agenda.enums import PriorityStatus
    from network.agenda.models import ResearchPriority
    from network.platform import pagecache

    closes = timezone.now() + timedelta(hours=1)
    priority = PriorityFactory()
    ResearchPriority.objects.filter(pk=priority.pk).update(
        status=PriorityStatus.PUT_TO_NETWORK, vote_closes_at=closes
    )
    get(Client(), "/agenda/")
    _, queries = get(Client(), "/agenda/")
    assert queries == 0
    later = closes.timestamp() + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    _, queries = get(Client(), "/agenda/")
    assert queries > 0  # the view ran, and shows the vote as closing


@pytest.mark.django_db
def test_agenda_stored_page_expires_when_the_next_vote_closes():
    """No write marks the moment a window ends, so the stored page (not only the fast path's
    copy) must not outlive it: the list then shows the vote as closing."""
    import time
    from datetime import timedelta

    from django.utils import timezone

    from network.agenda.enums import PriorityStatus
    from network.agenda.models import ResearchPriority

    closes = timezone.now() + timedelta(seconds=1.5)
    priority = PriorityFactory()
    ResearchPriority.objects.filter(pk=priority.pk).update(
        status=PriorityStatus.PUT_TO_NETWORK, vote_closes_at=closes
    )
    before, _ = get(Client(), "/agenda/")
    assert "Vote open until" in before
    time.sleep(max(closes.timestamp() - time.time(), 0) + 1.1)
    after, _ = get(Client(), "/agenda/")
    assert "Vote closing: the votes are being counted." in after
    assert "Vote open until" not in after


@pytest.mark.django_db
def test_a_missed_page_is_rendered_once_while_others_wait(rf):
    import threading

    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from network.platform import pagecache

    renders = []

    @pagecache.cached_page(depends_on=["library"])
    def slow_view(request):
        renders.append(1)
        return HttpResponse(
            f"<p>{pagecache.ACCOUNT_START}{pagecache.ACCOUNT_END}</p>", content_type="text/html"
        )

    def request():
        req = rf.get("/slow/")
        req.user = AnonymousUser()
        return req

    results = []
    # Another request holds the claim to render: this one waits for its entry, then uses it.
    original = pagecache._wait_for_other_render

    def waiting(key):
        pagecache.cache.add(f"{key}:rendering", 1, 5)
        threading.Timer(0.1, lambda: pagecache.cache.set(key, ("<p>", "</p>", "text/html"))).start()
        return original(key)

    pagecache._wait_for_other_render = waiting
    try:
        results.append(slow_view(request()))
    finally:
        pagecache._wait_for_other_render = original
    assert renders == []
    assert results[0].status_code == 200
    # Nobody rendering: the next miss renders at once.
    pagecache.cache.clear()
    slow_view(request())
    assert renders == [1]


@pytest.mark.django_db
def test_signed_in_repeat_visit_of_a_wagtail_page_skips_routing(org_a):
    from tests.factories.events import events_index

    events_index()
    member = MembershipFactory(organization=org_a, user__display_name="Routed Rae").user
    other = MembershipFactory(organization=org_a, user__display_name="Other Oli").user
    get(signed_in(member), "/events/")
    visitor = signed_in(other)
    with CaptureQueriesContext(connection) as queries:
        page = visitor.get("/events/").content.decode()
    # No site, page tree, view restriction or event query: the page came before routing.
    assert not [q for q in queries.captured_queries if "wagtailcore" in q["sql"]]
    assert not [q for q in queries.captured_queries if "events_" in q["sql"]]
    assert "Other Oli" in page and "Routed Rae" not in page


@pytest.mark.django_db
def test_a_group_restricted_page_is_never_served_from_the_fast_path(org_a):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from tests.factories.events import events_index

    index = events_index()
    editors = Group.objects.create(name="Restricted readers")
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([editors])
    insider = MembershipFactory(organization=org_a).user
    insider.groups.add(editors)
    outsider = MembershipFactory(organization=org_a).user
    for _ in range(2):
        assert signed_in(insider).get("/events/").status_code == 200
    # Same viewer class as the insider (staff no, network member yes), not in the group.
    assert signed_in(outsider).get("/events/").status_code == 404


@pytest.mark.django_db
def test_responses_say_whether_the_page_cache_answered(org_a):
    visitor = Client()
    assert visitor.get("/gaps/?status=open")["X-Page-Cache"] == "miss"
    assert visitor.get("/gaps/?status=open")["X-Page-Cache"] == "hit"
    assert visitor.get("/gaps/?status=open&page=2")["X-Page-Cache"] == "miss"
    PublicationFactory(title="A write to a tracked app", publishers=[org_a])
    assert visitor.get("/api/v1/gaps")["X-Page-Cache"] == "miss"
    assert visitor.get("/api/v1/gaps")["X-Page-Cache"] == "hit"
