"""The home page and standard pages after loading the seed content, the health check, and
the seed loader itself: complete, faithful to the study, and idempotent."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Page, Revision, Site

from events.models import EventPage
from home.models import HomePage, StandardPage
from members.enums import OrganizationStatus
from members.models import Organization
from network.gaps.models import Country, SubRegion
from tests.factories import OrganizationFactory

# The seed's 14 organizations work in, or are headquartered in, 38 distinct countries (as
# far as the sources say where they work).
SEED_ORGANIZATIONS = 14
SEED_COUNTRIES_COVERED = 38


def shows(response, text):
    return escape(text) in response.content.decode()


def load():
    out = StringIO()
    call_command("load_network_data", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    load()


def snapshot():
    """Every row the seed loader writes, as comparable values."""
    return {
        "organizations": list(
            Organization.objects.order_by("pk").values_list(
                "pk",
                "slug",
                "name",
                "acronym",
                "kind",
                "headquarters_country",
                "countries",
                "mandate",
                "website",
                "status",
            )
        ),
        "countries": list(
            Country.objects.order_by("pk").values_list("pk", "code", "sub_region_id", "study_name")
        ),
        "sub_regions": list(
            SubRegion.objects.order_by("pk").values_list("pk", "slug", "name", "description")
        ),
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "depth", "slug", "title", "live", "content_type__model"
            )
        ),
        "event_organizers": list(
            EventPage.objects.order_by("pk").values_list("pk", "organizers__slug")
        ),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("pk", "hostname", "root_page_id", "site_name")),
    }


# --- The seed loader -------------------------------------------------------------------------


def test_load_network_data_twice_changes_nothing(db):
    first_output = load()
    first = snapshot()

    second_output = load()
    second = snapshot()

    assert second == first
    assert len(first["organizations"]) == SEED_ORGANIZATIONS
    assert len(first["countries"]) == 51
    assert len(first["sub_regions"]) == 3
    assert "gaps: 54, members: 14, home: 4" in first_output
    second_counts = re.findall(r"(\w+): (\d+)", second_output)
    assert len(second_counts) >= 4
    assert all(count == "0" for _, count in second_counts), second_output


def test_load_network_data_keeps_edits(db):
    load()
    Organization.objects.filter(slug="iom").update(mandate="Edited by IOM's focal point.")

    load()

    assert Organization.objects.get(slug="iom").mandate == "Edited by IOM's focal point."


def test_load_network_data_countries_per_sub_region(seeded):
    per_region = {region.slug: region.countries.count() for region in SubRegion.objects.all()}

    assert per_region == {"eu-western-europe": 29, "south-eastern-europe": 11, "cis": 11}
    assert Country.objects.count() == 51
    assert Country.objects.filter(sub_region__isnull=True).count() == 0


def test_load_network_data_kosovo_in_south_eastern_europe(seeded):
    kosovo = Country.objects.get(code="XK")

    assert kosovo.sub_region.name == "South-Eastern Europe"
    assert kosovo.study_name == "UN-administered Province of Kosovo"


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("GB", "eu-western-europe"),
        ("CH", "eu-western-europe"),
        ("MD", "south-eastern-europe"),
        ("TR", "south-eastern-europe"),
        ("RU", "cis"),
        ("TM", "cis"),
    ],
)
def test_load_network_data_country_region(seeded, code, region):
    assert Country.objects.get(code=code).sub_region.slug == region


def test_load_network_data_all_organizations_with_mandate(seeded):
    organizations = Organization.objects.all()

    assert organizations.count() == SEED_ORGANIZATIONS
    assert set(organizations.values_list("status", flat=True)) == {OrganizationStatus.MEMBER}
    assert [o.slug for o in organizations if len(o.mandate.strip()) < 40] == []
    assert set(organizations.values_list("slug", flat=True)) == {
        "unicef-irc",
        "unicef-ceecis",
        "iom",
        "nexus-institute",
        "cbss",
        "save-the-children-denmark",
        "caritas-lithuania",
        "tartu-child-support-centre",
        "terre-des-hommes",
        "osce-odihr",
        "ohchr",
        "ipu",
        "unicef-nl",
        "norway-bld",
    }


# --- Pages -----------------------------------------------------------------------------------


def test_home_page_shows_live_figures(client, seeded):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<strong>{SEED_ORGANIZATIONS}</strong> member organizations" in html
    assert f"<strong>{SEED_COUNTRIES_COVERED}</strong> countries covered by their work" in html
    assert shows(response, "Inter Agency Research Network on Child Trafficking")


def test_home_page_figures_follow_the_data(client, seeded):
    OrganizationFactory(name="New Partner", headquarters_country="JP", countries=["KR"])
    OrganizationFactory(name="Still Applying", countries=["BR"], status="applicant")

    html = client.get("/").content.decode()

    assert f"<strong>{SEED_ORGANIZATIONS + 1}</strong> member organizations" in html
    assert f"<strong>{SEED_COUNTRIES_COVERED + 2}</strong> countries covered" in html


@pytest.mark.parametrize(
    ("path", "title", "text"),
    [
        ("/about/", "About the network", "Every member organization has the same rights."),
        (
            "/ethics/",
            "Ethics and data protection",
            "It never holds personal data of trafficked persons.",
        ),
        ("/contact/", "Contact", "The network secretariat answers questions"),
    ],
)
def test_standard_page_renders(client, seeded, path, title, text):
    response = client.get(path)

    assert response.status_code == 200
    assert f"<h1>{escape(title)}</h1>" in response.content.decode()
    assert shows(response, text)
    assert StandardPage.objects.live().get(url_path=f"/home{path}").title == title


def test_standard_pages_in_site_menu(client, seeded):
    html = client.get("/").content.decode()

    for path, title in [
        ("/about/", "About the network"),
        ("/ethics/", "Ethics and data protection"),
        ("/contact/", "Contact"),
    ]:
        assert f'<li><a href="{path}">{escape(title)}</a></li>' in html


def test_home_page_is_site_root(seeded):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page.specific_class is HomePage
    assert Page.objects.filter(slug="home").count() == 1
    assert not Page.objects.filter(slug="welcome-old").exists()


# --- Health check ----------------------------------------------------------------------------


def test_healthz_database_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_post(client, db):
    response = client.post("/healthz")

    assert response.status_code == 405
