"""Typed filter boxes (SuggestedChoiceField): the projects and library filters take an
organization, priority or gap by key, by name or by the part of a name only one holds, and
offer names as one types (/suggest/<name>/). The page no longer lists every row."""

import pytest
from django.urls import reverse

from projects.enums import ProjectStatus
from tests.factories import OrganizationFactory
from tests.factories.gaps import DataGapFactory
from tests.factories.library import PublicationFactory
from tests.factories.projects import ResearchProjectFactory

pytestmark = pytest.mark.django_db

PROJECTS = "/projects/"


def _titles(response):
    return [item.title for item in response.context["page"].object_list]


def _problem(response):
    """The filter form's message, or None."""
    page = response.content.decode()
    marker = "Some filters were not understood and were ignored:"
    if marker not in page:
        return None
    return page.split(marker, 1)[1].split("</div>", 1)[0].strip()


@pytest.fixture
def baltic(db):
    lead = OrganizationFactory(name="Baltic Child Research", slug="baltic-child-research")
    ResearchProjectFactory(title="Begging in Tallinn", lead_organization=lead)
    return lead


@pytest.fixture
def balkan(db):
    lead = OrganizationFactory(name="Balkan Data Lab", slug="balkan-data-lab")
    ResearchProjectFactory(title="Routes through Serbia", lead_organization=lead)
    return lead


def test_organization_by_key_name_or_unique_part(client, baltic, balkan):
    for typed in ("baltic-child-research", "Baltic Child Research", "baltic child", " Child "):
        response = client.get(PROJECTS, {"organization": typed})
        assert _titles(response) == ["Begging in Tallinn"], typed
        assert _problem(response) is None
        # The box shows the organization's name, however it was given.
        assert 'value="Baltic Child Research"' in response.content.decode()


def test_part_of_several_names_is_named_back_and_ignored(client, baltic, balkan):
    response = client.get(PROJECTS, {"organization": "bal"})
    assert _titles(response) == ["Routes through Serbia", "Begging in Tallinn"]
    assert _problem(response) == (
        "Organization: “bal” is part of several names (Balkan Data Lab, Baltic Child Research): "
        "type more of the one you mean."
    )
    page = response.content.decode()
    assert 'value="bal"' in page
    # The names it could mean are offered in the box's list, scripts or not.
    assert (
        '<datalist id="id_organization-suggestions"><option value="Balkan Data Lab">'
        '<option value="Baltic Child Research"></datalist>'
    ) in page


def test_unknown_or_oversized_text_is_reported_and_ignored(client, baltic):
    response = client.get(PROJECTS, {"organization": "Nowhere Institute"})
    assert _titles(response) == ["Begging in Tallinn"]
    assert _problem(response) == "Organization: Nothing here is called “Nowhere Institute”."
    response = client.get(PROJECTS, {"gap": "x" * 5000})
    assert response.status_code == 200
    assert _problem(response) == f"Data gap: Nothing here is called “{'x' * 60}…”."


def test_page_lists_no_organization_or_gap_but_a_box(client, baltic, balkan):
    gap = DataGapFactory(reported_by=baltic, title="No data on children in street situations")
    ResearchProjectFactory(title="Street", lead_organization=baltic).gaps.add(gap)
    OrganizationFactory(name="Nordic Institute", slug="nordic-institute")
    page = client.get(PROJECTS).content.decode()
    assert "Nordic Institute" not in page
    assert "No data on children in street situations" not in page
    assert '<input type="search" name="gap"' in page
    assert 'list="id_gap-suggestions"' in page
    assert 'data-suggest="/suggest/project-gaps/"' in page
    assert 'placeholder="Any data gap"' in page
    assert "network/suggest" in page
    # The gap by its title, as the suggestions offer it.
    response = client.get(PROJECTS, {"gap": "children in street"})
    assert _titles(response) == ["Street"]


def test_suggestions_hold_the_text_beginning_first(client, baltic, balkan):
    OrganizationFactory(name="Research on the Baltic", slug="research-on-the-baltic")
    url = reverse("suggest", args=["project-organizations"])
    response = client.get(url, {"q": "balt"})
    assert response.status_code == 200
    assert response.json() == {"suggestions": ["Baltic Child Research", "Research on the Baltic"]}
    assert client.get(url, {"q": "b"}).json() == {"suggestions": []}
    assert client.get(url, {"q": "zz" * 200}).json() == {"suggestions": []}


def test_suggestions_offer_only_what_the_filter_offers(client, baltic):
    applicant = OrganizationFactory(name="Baltic Applicant", slug="baltic-applicant")
    applicant.status = "applicant"
    applicant.save()
    listed = DataGapFactory(reported_by=baltic, title="Gap a listed project addresses")
    drafted = DataGapFactory(reported_by=baltic, title="Gap only a draft addresses")
    ResearchProjectFactory(title="Listed", lead_organization=baltic).gaps.add(listed)
    ResearchProjectFactory(title="Hidden", status=ProjectStatus.DRAFT).gaps.add(drafted)
    gaps = client.get(reverse("suggest", args=["project-gaps"]), {"q": "gap"}).json()
    assert gaps == {"suggestions": ["Gap a listed project addresses"]}
    organizations = client.get(reverse("suggest", args=["project-organizations"]), {"q": "balt"})
    assert organizations.json() == {"suggestions": ["Baltic Child Research"]}
    # Nor can the draft's gap be typed in.
    response = client.get(PROJECTS, {"gap": "Gap only a draft addresses"})
    assert _problem(response) == "Data gap: Nothing here is called “Gap only a draft addresses”."


def test_unknown_suggestion_list_is_not_found(client):
    assert client.get("/suggest/everyone/", {"q": "ab"}).status_code == 404


def test_library_publisher_by_name(client, baltic, balkan):
    PublicationFactory(title="Baltic handbook", publishers=[baltic])
    PublicationFactory(title="Balkan report", publishers=[balkan])
    response = client.get("/library/", {"organization": "Balkan Data"})
    assert [p.title for p in response.context["page"].object_list] == ["Balkan report"]
    suggested = client.get(reverse("suggest", args=["publishers"]), {"q": "data lab"})
    assert suggested.json() == {"suggestions": ["Balkan Data Lab"]}


def test_event_organizers_typed_and_suggested(client, baltic):
    """The events filter takes the organizer by name; its suggestions come from the
    organizers of published public events, as its list did."""
    from tests.factories.events import EventPageFactory

    event = EventPageFactory(title="Baltic workshop", organizers=[baltic])
    OrganizationFactory(name="Baltic Applicants", slug="baltic-applicants")
    suggested = client.get(reverse("suggest", args=["event-organizers"]), {"q": "baltic"})
    assert suggested.json() == {"suggestions": ["Baltic Child Research"]}
    page = client.get(event.get_parent().url, {"organization": "Baltic Child"}).content.decode()
    assert "Baltic workshop" in page
    assert 'value="Baltic Child Research"' in page


def test_people_by_organization_name_and_only_members_suggested(client, baltic):
    from members.enums import OrganizationStatus, Visibility
    from tests.factories import MembershipFactory, UserFactory

    liis = UserFactory(display_name="Liis Tamm", visibility=Visibility.PUBLIC)
    MembershipFactory(user=liis, organization=baltic)
    OrganizationFactory(name="Baltic Hopefuls", status=OrganizationStatus.APPLICANT)
    response = client.get("/people/", {"organization": "child research"})
    assert "Liis Tamm" in response.content.decode()
    assert 'value="Baltic Child Research"' in response.content.decode()
    suggested = client.get(reverse("suggest", args=["member-organizations"]), {"q": "balt"})
    assert suggested.json() == {"suggestions": ["Baltic Child Research"]}


def test_an_acronym_finds_its_organization_and_suggests_its_name(client, baltic, balkan):
    baltic.acronym = "BCR"
    baltic.save()
    response = client.get(PROJECTS, {"organization": "bcr"})
    assert _titles(response) == ["Begging in Tallinn"]
    assert 'value="Baltic Child Research"' in response.content.decode()
    suggested = client.get(reverse("suggest", args=["project-organizations"]), {"q": "BC"})
    assert suggested.json() == {"suggestions": ["Baltic Child Research"]}
