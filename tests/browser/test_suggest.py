"""A visitor filters the projects by an organization typed into the box, helped by the
names its script suggests (network/static/network/suggest.js), under the site's CSP."""

import pytest
from playwright.sync_api import expect

from tests.factories import OrganizationFactory
from tests.factories.projects import ResearchProjectFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_types_an_organization_and_is_offered_its_name(new_page, home_page, screenshot):
    baltic = OrganizationFactory(name="Baltic Child Research", slug="baltic-child-research")
    balkan = OrganizationFactory(name="Balkan Data Lab", slug="balkan-data-lab")
    ResearchProjectFactory(title="Begging in Tallinn", lead_organization=baltic)
    ResearchProjectFactory(title="Routes through Serbia", lead_organization=balkan)

    page = new_page()
    page.goto("/projects/")
    box = page.get_by_label("Organization")
    box.press_sequentially("balt", delay=30)
    offered = page.locator("#id_organization-suggestions option")
    expect(offered).to_have_count(1)
    expect(offered).to_have_attribute("value", "Baltic Child Research")
    screenshot(page, "projects-organization-suggested")

    box.fill("Baltic Child Research")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("main")).to_contain_text("Begging in Tallinn")
    expect(page.locator("main")).not_to_contain_text("Routes through Serbia")
    expect(page.get_by_label("Organization")).to_have_value("Baltic Child Research")
