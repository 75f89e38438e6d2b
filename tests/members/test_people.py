"""/people/: the resource persons each viewer may see, their filters, and what it costs."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from members.enums import Visibility
from members.models import Expertise
from projects.enums import ProjectStatus
from tests.factories import ExpertiseFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory

pytestmark = pytest.mark.django_db


def listed(response):
    """The names of the people on the page, in order."""
    return re.findall(
        r'<h2><a href="/members/people/\d+/">([^<]+)</a></h2>', response.content.decode()
    )


def shows(response, text):
    return escape(text) in response.content.decode()


def person(name, visibility=Visibility.PUBLIC, organization=None, **fields):
    user = UserFactory(display_name=name, visibility=visibility, **fields)
    if organization is not None:
        MembershipFactory(user=user, organization=organization)
    return user


@pytest.fixture
def three(org_a):
    return {
        "public": person("Ana Public", organization=org_a),
        "members": person("Boris Members", Visibility.MEMBERS, organization=org_a),
        "hidden": person("Cora Hidden", Visibility.HIDDEN, organization=org_a),
    }


# --- Who sees whom ---------------------------------------------------------------------------


def test_people_anonymous_sees_public_people_only(client, three):
    assert listed(client.get("/people/")) == ["Ana Public"]


def test_people_network_member_sees_members_only_people_too(client, three, focal_b):
    client.force_login(focal_b)
    assert listed(client.get("/people/")) == [
        "Ana Public",
        "Boris Members",
        focal_b.name,
    ]


def test_people_signed_in_outsider_does_not_see_members_only_people(client, three, plain_user):
    client.force_login(plain_user)
    names = listed(client.get("/people/"))
    assert "Boris Members" not in names
    assert names == sorted(["Ana Public", plain_user.name], key=str.lower)


def test_people_staff_never_see_a_hidden_person(client, three, staff):
    client.force_login(staff)
    response = client.get("/people/")
    assert "Boris Members" in listed(response)
    assert "Cora Hidden" not in response.content.decode()


def test_people_hidden_person_sees_only_themselves_and_is_told_so(client, three):
    client.force_login(three["hidden"])
    response = client.get("/people/")
    assert "Cora Hidden" in listed(response)
    assert shows(response, "Only you see yourself here: your profile is hidden.")


def test_people_inactive_person_is_not_listed(client, org_a):
    person("Gone Person", organization=org_a, is_active=False)
    assert listed(client.get("/people/")) == []


def test_people_page_lists_organizations_expertise_countries_languages(client, org_a):
    ana = person("Ana Public", organization=org_a, countries=["MD", "RO"], languages=["en", "ro"])
    ana.expertise.add(ExpertiseFactory(name="Data collection", slug="data-collection"))
    html = client.get("/people/").content.decode()
    assert '<a href="/members/agency-a/">Agency A</a>' in html
    assert '<a class="tag" href="?expertise=data-collection">Data collection</a>' in html
    assert "<dd>Moldova, Romania</dd>" in html
    assert "<dd>English, Romanian</dd>" in html


def test_people_page_shows_projects_the_viewer_may_see_only(client, org_a):
    ana = person("Ana Public", organization=org_a)
    published = ResearchProjectFactory(title="Routes study", status=ProjectStatus.ACTIVE)
    draft = ResearchProjectFactory(title="Secret draft study", status=ProjectStatus.DRAFT)
    for project in (published, draft):
        ProjectMemberFactory(project=project, user=ana)
    teammate = ProjectMemberFactory(project=draft).user

    anonymous = client.get("/people/")
    assert shows(anonymous, "Routes study")
    assert not shows(anonymous, "Secret draft study")

    client.force_login(teammate)
    team_view = client.get("/people/").content.decode()
    assert f'<a href="/projects/{draft.slug}/">Secret draft study</a>' in team_view


def test_people_nav_links_to_the_directory(client, db):
    html = client.get("/people/").content.decode()
    assert '<a href="/people/" aria-current="page">People</a>' in html
    assert '<a href="/people/">People</a>' in client.get("/members/").content.decode()


# --- Filters ---------------------------------------------------------------------------------


@pytest.fixture
def varied(org_a, org_b):
    data = ExpertiseFactory(name="Data collection", slug="data-collection")
    ethics = ExpertiseFactory(name="Research ethics", slug="research-ethics")
    ana = person("Ana", organization=org_a, countries=["MD"], languages=["en", "ro"])
    ana.expertise.add(data)
    boris = person("Boris", organization=org_b, countries=["AL", "RO"], languages=["ru"])
    boris.expertise.add(data, ethics)
    person("Cora", organization=org_b, countries=["RO"], languages=["en-gb"])
    return {"ana": ana, "boris": boris}


@pytest.mark.parametrize(
    "query, names",
    [
        ("expertise=data-collection", ["Ana", "Boris"]),
        ("expertise=research-ethics", ["Boris"]),
        ("country=RO", ["Boris", "Cora"]),
        ("country=AL", ["Boris"]),
        ("language=en", ["Ana"]),  # "en-gb" is another language
        ("language=ru", ["Boris"]),
        ("organization=agency-b", ["Boris", "Cora"]),
        ("organization=agency-b&country=RO&expertise=data-collection&language=ru", ["Boris"]),
        ("q=cor", ["Cora"]),
    ],
)
def test_people_filters_narrow_the_list(client, varied, query, names):
    assert listed(client.get(f"/people/?{query}")) == names


def test_people_filter_choices_omit_expertise_only_hidden_people_hold(client, varied, org_a):
    hidden = person("Quiet", Visibility.HIDDEN, organization=org_a)
    hidden.expertise.add(ExpertiseFactory(name="Quietcanary topic", slug="quietcanary-topic"))
    html = client.get("/people/").content.decode()
    assert '<option value="data-collection">Data collection</option>' in html
    assert "Quietcanary" not in html


def test_people_filter_stops_offering_expertise_once_its_only_holder_hides(client, org_a):
    """The offered expertise is kept between views: a person hiding makes a new list at once."""
    holder = person("Loud", organization=org_a)
    holder.expertise.add(ExpertiseFactory(name="Quietcanary topic", slug="quietcanary-topic"))
    assert '<option value="quietcanary-topic">' in client.get("/people/").content.decode()
    holder.visibility = Visibility.HIDDEN
    holder.save()
    assert "Quietcanary" not in client.get("/people/").content.decode()


def test_people_filter_by_organization_ignores_applicant_organizations(client, org_a):
    from members.enums import OrganizationStatus

    applicant = OrganizationFactory(slug="applying", status=OrganizationStatus.APPLICANT)
    person("Ana", organization=applicant)
    response = client.get("/people/?organization=applying")
    # An organization that is not a member is not a choice: the filter says so and is dropped,
    # and nobody is shown as belonging to it.
    assert shows(response, "Some filters were not understood and were ignored:")
    assert listed(response) == ["Ana"]
    assert "/members/applying/" not in response.content.decode()


def test_people_filtered_to_nobody_says_so(client, varied):
    response = client.get("/people/?country=FR")
    assert listed(response) == []
    assert shows(response, "Nobody you may see matches these filters.")
    assert '<a href="/people/">Show everyone</a>' in response.content.decode()


def test_people_empty_directory_says_so(client, db):
    response = client.get("/people/")
    assert shows(response, "Nobody has made their profile visible yet.")
    assert shows(response, "0 people")


def test_people_unknown_filter_value_is_reported_not_a_500(client, varied):
    response = client.get("/people/?country=XX&language=en")
    assert response.status_code == 200
    assert listed(response) == ["Ana"]
    assert shows(response, "Some filters were not understood and were ignored:")


def test_people_filters_have_labels(client, db):
    html = client.get("/people/").content.decode()
    for name, label in [
        ("q", "Name or words in the bio"),
        ("expertise", "Expertise"),
        ("country", "Country of work"),
        ("language", "Language"),
        ("organization", "Organization"),
    ]:
        assert f'<label for="id_{name}">{label}</label>' in html


# --- Pages and queries -----------------------------------------------------------------------


def test_people_paginates_and_keeps_the_filters(client, org_a):
    for n in range(25):
        person(f"Person {n:02}", organization=org_a, countries=["MD"])
    first = client.get("/people/?country=MD")
    assert len(listed(first)) == 20
    assert shows(first, "25 people")
    html = first.content.decode()
    assert 'href="?country=MD&amp;page=2" rel="next"' in html
    second = client.get("/people/?country=MD&page=2")
    assert listed(second) == [f"Person {n}" for n in range(20, 25)]
    beyond = client.get("/people/?country=MD&page=9")
    assert shows(beyond, "There is no page “9”: showing page 2 of 2.")


def _crowd(n, organization, expertise, project):
    for i in range(n):
        user = person(
            f"Crowd {i:03}",
            organization=organization,
            countries=["MD", "RO"],
            languages=["en", "ru"],
        )
        user.expertise.add(expertise)
        ProjectMemberFactory(project=project, user=user)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("signed_in", [False, True])
def test_people_query_count_does_not_grow_with_people(client, org_a, focal_b, signed_in):
    """5 and 50 matching people (each with an organization, expertise and a project) cost the
    same number of queries, with every filter set."""
    if signed_in:
        client.force_login(focal_b)
    topic = ExpertiseFactory(name="Data collection", slug="data-collection")
    project = ResearchProjectFactory(status=ProjectStatus.ACTIVE)
    url = "/people/?expertise=data-collection&country=MD&language=ru&organization=agency-a"
    _crowd(5, org_a, topic, project)
    # Each count is of a second request: the first after writes re-reads the viewer's cached
    # roles (members/rules.py), which the writes of the setup invalidate.
    client.get(url)
    few, response = _queries(client, url)
    assert len(listed(response)) == 5
    _crowd(45, org_a, topic, ResearchProjectFactory(status=ProjectStatus.ACTIVE))
    client.get(url)
    many, response = _queries(client, url)
    assert len(listed(response)) == 20
    assert few == many


# --- The profile's lists ---------------------------------------------------------------------


def test_profile_form_is_plain_multi_selects_enhanced_from_our_origin(client, plain_user):
    client.force_login(plain_user)
    html = client.get("/members/profile/").content.decode()
    assert '<select name="countries" data-multiselect=""' in html
    assert '<select name="languages" data-multiselect=""' in html
    assert re.search(r'<select name="expertise"[^>]* data-multiselect-create=""', html)
    assert '<input type="text" name="expertise_other"' in html
    for path in (
        "vendor/tom-select/tom-select.complete.min.js",
        "vendor/tom-select/tom-select.default.min.css",
        "network/multiselect.js",
    ):
        assert f'"/static/{path}"' in html
        assert finders.find(path), path
    assert "<script>" not in html  # the CSP allows no inline script


def test_profile_form_without_scripts_picks_from_the_list_and_adds_new_entries(client, plain_user):
    ExpertiseFactory(name="Data collection", slug="data-collection")
    client.force_login(plain_user)
    response = client.post(
        "/members/profile/",
        {
            "display_name": "Mira",
            "visibility": Visibility.PUBLIC,
            "countries": ["MD", "RO"],
            "languages": ["en", "ru"],
            "expertise": ["Data collection"],
            "expertise_other": "data COLLECTION, Child protection,  ",
        },
    )
    assert response.status_code == 302
    plain_user.refresh_from_db()
    assert sorted(plain_user.expertise.values_list("name", flat=True)) == [
        "Child protection",
        "Data collection",
    ]
    assert Expertise.objects.count() == 2
    assert [c.code for c in plain_user.countries] == ["MD", "RO"]
    assert plain_user.languages == ["en", "ru"]
    # The form shows the choices selected when it comes back.
    html = client.get("/members/profile/").content.decode()
    assert '<option value="Child protection" selected>Child protection</option>' in html
    assert '<option value="MD" selected>Moldova</option>' in html
    assert '<option value="ru" selected>Russian</option>' in html


def test_profile_form_takes_an_entry_typed_into_the_select(client, plain_user):
    """With scripts, Tom Select posts a new entry as one more value of the select."""
    client.force_login(plain_user)
    client.post(
        "/members/profile/",
        {"display_name": "Mira", "visibility": Visibility.PUBLIC, "expertise": ["Survey design"]},
    )
    assert list(plain_user.expertise.values_list("name", "slug")) == [
        ("Survey design", "survey-design")
    ]


def test_profile_form_refuses_too_many_topics_and_changes_nothing(client, plain_user):
    client.force_login(plain_user)
    response = client.post(
        "/members/profile/",
        {
            "display_name": "Mira",
            "visibility": Visibility.PUBLIC,
            "expertise_other": ", ".join(f"topic {n}" for n in range(31)),
        },
    )
    assert response.status_code == 200
    assert shows(response, "Choose at most 30 topics.")
    assert Expertise.objects.count() == 0


def test_profile_form_does_not_suggest_what_only_hidden_people_hold(client, plain_user, org_a):
    hidden = person("Quiet", Visibility.HIDDEN, organization=org_a)
    hidden.expertise.add(ExpertiseFactory(name="Quietcanary topic", slug="quietcanary-topic"))
    person("Ana", organization=org_a).expertise.add(ExpertiseFactory(name="Ethics", slug="ethics"))
    client.force_login(plain_user)
    html = client.get("/members/profile/").content.decode()
    assert '<option value="Ethics">Ethics</option>' in html
    assert "Quietcanary" not in html
    # The hidden person is offered their own.
    client.force_login(hidden)
    html = client.get("/members/profile/").content.decode()
    assert '<option value="Quietcanary topic" selected>Quietcanary topic</option>' in html
