"""The seeded register cites its sources as they name themselves."""

import pytest

from members import seed as members_seed
from network.gaps import seed
from network.gaps.models import DataGap, GapEvidence, Indicator
from network.platform import sources

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    members_seed.load()
    seed.load()


def test_seed_evidence_cites_the_iom_presentation_not_an_unnamed_overview(register):
    gap = DataGap.objects.get(title="Unidentified victims that an assistance database cannot count")
    assert list(gap.evidence.values_list("title", flat=True)) == [
        "IOM Research and Data Collection on Human Trafficking and Exploitation (Christine "
        "Aghazarm, IOM Research and Publications Unit, Geneva, 9 July 2009)",
        "Child Trafficking in Europe: A broad vision to put children first (UNICEF Innocenti "
        "Research Centre)",
    ]
    assert not GapEvidence.objects.filter(title__contains="overview of the caseload").exists()
    assert (gap.source_document, gap.source_quote) == (
        sources.IOM_2009,
        "An unknown number of victims remain unidentified and unassisted.",
    )


def test_seed_indicator_sources_only_those_the_sources_name(register):
    assert Indicator.objects.get(
        name="Children trafficked within their own country"
    ).data_sources == ("Not stated in the sources.")
    assert Indicator.objects.get(name="Male victims among identified victims").data_sources == (
        "IOM Global Human Trafficking Database."
    )


def test_seed_renames_an_unsupported_title_once_instead_of_duplicating_it(db):
    members_seed.load()
    seed.load()
    new = "Re-trafficking is a knowledge gap"
    DataGap.objects.filter(title=new).update(title="Re-trafficking is barely documented")

    seed.load()

    assert list(
        DataGap.objects.filter(title__startswith="Re-trafficking").values_list("title", flat=True)
    ) == [new]


def test_seeded_gap_page_shows_its_source(client, register):
    gap = DataGap.objects.get(
        title="No baseline to measure trafficking and anti-trafficking initiatives against"
    )
    html = client.get(f"/gaps/{gap.pk}/").content.decode()
    assert '<h2 id="source-note-heading">Source</h2>' in html
    assert (
        "No adequate baseline to measure trafficking and anti-trafficking initiatives against"
        in html
    )
