"""The seeded projects: faithful to the seed documents, metadata only, and idempotent."""

import pytest

from members import seed as members_seed
from projects import seed
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
    assert set(ResearchProject.objects.values_list("status", flat=True)) == {
        ProjectStatus.COMPLETED
    }
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
    assert "Report on information structures on child trafficking" in html
