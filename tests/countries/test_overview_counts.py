"""The country overview's counts: open gaps naming the country or its sub-region (each once),
active projects and member organizations working there; kept between views, and right
again after any write that changes them."""

import pytest

from network.countries.selectors.profiles import country_overview
from network.gaps.enums import GapStatus
from projects.enums import ProjectStatus
from tests.factories import OrganizationFactory
from tests.factories.gaps import CountryFactory, DataGapFactory, SubRegionFactory
from tests.factories.projects import ResearchProjectFactory

pytestmark = pytest.mark.django_db


def _row(code):
    for _region, rows in country_overview()[0]:
        for row in rows:
            if str(row["country"].code) == code:
                return row["open_gaps"], row["active_projects"], row["organizations"]
    raise AssertionError(f"{code} is not in the overview")


def test_counts_and_their_following_of_writes():
    balkans = SubRegionFactory(name="Western Balkans", slug="western-balkans")
    albania = CountryFactory(code="AL", sub_region=balkans)
    CountryFactory(code="MK", sub_region=balkans)
    moldova = CountryFactory(code="MD", sub_region=SubRegionFactory(name="East", slug="east"))
    elsewhere = OrganizationFactory(countries=["FR"])  # reports the gaps, leads the projects
    DataGapFactory(reported_by=elsewhere, countries=[albania])
    DataGapFactory(reported_by=elsewhere, sub_regions=[balkans])
    DataGapFactory(
        reported_by=elsewhere, countries=[albania], sub_regions=[balkans]
    )  # counted once
    filled = DataGapFactory(reported_by=elsewhere, countries=[albania], status=GapStatus.FILLED)
    DataGapFactory(reported_by=elsewhere, countries=[moldova])
    ResearchProjectFactory(
        lead_organization=elsewhere, countries=["AL", "MD"], status=ProjectStatus.ACTIVE
    )
    proposed = ResearchProjectFactory(
        lead_organization=elsewhere, countries=["AL"], status=ProjectStatus.PROPOSED
    )
    OrganizationFactory(countries=["AL"])
    applicant = OrganizationFactory(countries=["AL", "MD"], status="applicant")

    assert _row("AL") == (3, 1, 1)
    assert _row("MK") == (2, 0, 0)  # the two gaps naming the sub-region
    assert _row("MD") == (1, 1, 0)

    filled.status = GapStatus.OPEN
    filled.save()
    proposed.status = ProjectStatus.ACTIVE
    proposed.save()
    applicant.status = "member"
    applicant.save()
    assert _row("AL") == (4, 2, 2)
    assert _row("MD") == (1, 1, 1)

    filled.countries.set([moldova])  # a link changed, nothing else
    assert _row("AL") == (3, 2, 2)
    assert _row("MD") == (2, 1, 1)
