"""The seeded projects: faithful to the seed documents, metadata only, and idempotent."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from members import seed as members_seed
from projects import seed, services
from projects.enums import PartnerStatus, ProjectStatus
from projects.models import PartnerOrganization, ProjectOutput, ResearchProject

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizations(db):
    members_seed.load()


def test_seed_loads_projects_with_leads_and_partners(organizations):
    created = seed.load()
    assert created == 5 + 4 + 4  # projects, partnerships, outputs
    leads = dict(ResearchProject.objects.values_list("slug", "lead_organization__slug"))
    assert leads == {
        "innocenti-child-trafficking-europe": "unicef-irc",
        "information-management-to-prevent-trafficking": "cbss",
        "iom-global-human-trafficking-database": "iom",
        "iom-thematic-research-series": "iom",
        "methods-and-approaches-in-trafficking-research": "iom",
    }
    # IOM's presentation of July 2009 presents its three initiatives as ongoing.
    assert dict(ResearchProject.objects.values_list("slug", "status")) == {
        "innocenti-child-trafficking-europe": ProjectStatus.COMPLETED,
        "information-management-to-prevent-trafficking": ProjectStatus.COMPLETED,
        "iom-global-human-trafficking-database": ProjectStatus.ACTIVE,
        "iom-thematic-research-series": ProjectStatus.ACTIVE,
        "methods-and-approaches-in-trafficking-research": ProjectStatus.ACTIVE,
    }
    database = ResearchProject.objects.get(slug="iom-global-human-trafficking-database")
    assert [(h.to_status, h.reason) for h in database.status_changes.all()] == [
        (ProjectStatus.ACTIVE, "Presented as ongoing in IOM's presentation of 9 July 2009.")
    ]
    partners = PartnerOrganization.objects.filter(
        project__slug="information-management-to-prevent-trafficking"
    )
    assert sorted(partners.values_list("organization__slug", flat=True)) == [
        "caritas-lithuania",
        "save-the-children-denmark",
        "tartu-child-support-centre",
    ]
    assert set(partners.values_list("status", flat=True)) == {PartnerStatus.ACCEPTED}
    innocenti = ResearchProject.objects.get(slug="innocenti-child-trafficking-europe")
    assert len(innocenti.countries) == 51
    assert "between 2003 and 2005" in innocenti.summary
    dataset = ProjectOutput.objects.get(project__slug="iom-global-human-trafficking-database")
    assert (dataset.kind, dataset.version) == ("dataset", "7.6.4")
    assert dataset.description.startswith("Metadata only.")


def test_seed_second_run_creates_nothing_and_keeps_edits(organizations):
    seed.load()
    ResearchProject.objects.filter(slug="iom-thematic-research-series").update(title="Edited")
    assert seed.load() == 0
    assert ResearchProject.objects.count() == 5
    assert ResearchProject.objects.get(slug="iom-thematic-research-series").title == "Edited"


def test_seeded_project_page_shows_partners_as_equals(organizations, client):
    seed.load()
    response = client.get("/projects/information-management-to-prevent-trafficking/")
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Council of the Baltic Sea States", "Save the Children Denmark"):
        assert name in html
    assert "A report exploring information structures on child trafficking" in html
    # The three workshops are described here: the source gives no date or place for them.
    assert "The project organized three workshops" in html
    assert "The source does not give the workshops&#x27; dates or places." in html
    assert '<h2 id="source-note-heading">Source</h2>' in html
    # The seeded status carries no date the sources do not give: the day it was loaded is
    # not the day the project ended.
    assert "<li>As the sources state: Completed" in html
    assert timezone.now().strftime("%-d %b %Y") + ": Completed" not in html


@pytest.fixture
def gaps_and_agenda(organizations):
    from network.agenda import seed as agenda_seed
    from network.gaps import seed as gaps_seed

    gaps_seed.load()
    agenda_seed.load()


def _links(slug):
    project = ResearchProject.objects.get(slug=slug)
    return (
        sorted(project.gaps.values_list("title", flat=True)),
        sorted(project.priorities.values_list("title", flat=True)),
    )


def test_seed_links_projects_to_gaps_and_priorities(gaps_and_agenda):
    # projects, partnerships, outputs; then the links of each project
    assert seed.load() == 5 + 4 + 4 + (4 + 3) + (1 + 1) + (2 + 0) + (3 + 4) + (1 + 1)
    gaps, priorities = _links("innocenti-child-trafficking-europe")
    assert (
        "No harmonized data disaggregated by age, gender, national origin and form of "
        "exploitation" in gaps
    )
    assert "National definitions of trafficking make data incomparable" in gaps
    assert len(priorities) == 3
    assert _links("iom-thematic-research-series") == (
        [
            "Links between trafficking and development are under-researched",
            "Re-trafficking is a knowledge gap",
            "Trafficking of men and boys: a trend less considered",
        ],
        [
            "Re-trafficking",
            "Trafficking and development",
            "Trafficking and traffickers",
            "Trafficking of males",
        ],
    )
    assert _links("iom-global-human-trafficking-database")[0] == [
        "Figures on the magnitude of child trafficking are based on estimates",
        "Unidentified victims that an assistance database cannot count",
    ]
    assert _links("information-management-to-prevent-trafficking") == (
        ["Less documentation in the EU and other Western European countries"],
        ["Information gaps on the patterns of child trafficking: flows, root causes and uses"],
    )


def test_seed_links_second_run_adds_nothing_and_keeps_edits(gaps_and_agenda, staff):
    seed.load()
    # Loaded yesterday; today someone edits the project and unlinks everything.
    ResearchProject.objects.update(
        created_at=F("created_at") - timedelta(days=1),
        updated_at=F("updated_at") - timedelta(days=1),
    )
    series = ResearchProject.objects.get(slug="iom-thematic-research-series")
    # Someone edits the project and unlinks everything: the seed does not put it back.
    services.project_update(project=series, by=staff, gaps=[], priorities=[])
    assert seed.load() == 0
    assert _links("iom-thematic-research-series") == ([], [])


def test_seed_links_projects_seeded_before_links_existed(gaps_and_agenda):
    seed.load()
    for project in ResearchProject.objects.all():
        project.gaps.clear()
        project.priorities.clear()
    edited = ResearchProject.objects.get(slug="iom-thematic-research-series")
    ResearchProject.objects.filter(pk=edited.pk).update(
        updated_at=timezone.now() + timedelta(days=1)
    )
    assert seed.load() == 7 + 2 + 2 + 2
    assert _links("iom-thematic-research-series") == ([], [])
    assert len(_links("innocenti-child-trafficking-europe")[0]) == 4
