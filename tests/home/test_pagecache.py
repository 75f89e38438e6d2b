"""The page cache (home/pagecache.py): shared per kind of viewer, never one person's view
shown to another, and a write shows at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from members.enums import MembershipRole, Visibility
from projects.enums import ProjectStatus
from tests.factories import MembershipFactory, UserFactory
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
