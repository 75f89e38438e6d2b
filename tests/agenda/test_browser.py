"""The agenda end to end in Chromium: a member proposes a priority answering a gap, two
organizations endorse it, the secretariat puts it to the network, three focal points vote,
it is adopted and appears on the adopted agenda with its linked gap."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from network.agenda.enums import PriorityStatus
from network.agenda.models import ResearchPriority
from tests.browser.conftest import (  # noqa: F401 (fixtures)
    _allow_orm_under_playwright,
    browser,
    new_page,
    site_url,
)
from tests.factories.gaps import DataGapFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def signed_in(new_page, site_url):  # noqa: F811 (the imported fixtures)
    """A page whose browser context carries a session of the given person."""

    def open_as(user):
        client = Client()
        client.force_login(user)
        page = new_page()
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_url}]
        )
        return page

    return open_as


def test_priority_proposed_endorsed_voted_adopted(
    signed_in, member_a, focal_a, focal_b, focal_c, org_a, org_b, org_c, staff
):
    DataGapFactory(title="Re-trafficking is barely documented")

    # A member proposes, linking the gap.
    proposer = signed_in(member_a)
    proposer.goto("/agenda/propose/")
    proposer.get_by_label("Title").fill("Re-trafficking of children")
    proposer.get_by_label("Rationale").fill("Who is trafficked again after assistance, and why.")
    proposer.get_by_label("Theme").select_option(label="Patterns and flows")
    proposer.get_by_label("Data gaps it answers").select_option(
        label="Re-trafficking is barely documented"
    )
    proposer.get_by_role("button", name="Propose").click()
    expect(proposer.locator(".messages")).to_contain_text("Your priority is proposed")
    priority = ResearchPriority.objects.get()
    url = f"/agenda/{priority.pk}/"

    # Two organizations endorse.
    for focal, org in ((focal_a, org_a), (focal_b, org_b)):
        page = signed_in(focal)
        page.goto(url)
        page.get_by_role("button", name=f"Endorse for {org.name}").click()
        expect(page.locator(".messages")).to_contain_text(f"{org.name} endorses this priority.")
    expect(page.locator("main")).to_contain_text("2 organizations endorse this priority")

    # The secretariat opens the discussion, then puts it to the network.
    secretariat = signed_in(staff)
    secretariat.goto(url)
    secretariat.get_by_label("Move to").select_option(label="Under discussion")
    secretariat.get_by_label("Why").fill("Tabled for the network meeting.")
    secretariat.get_by_role("button", name="Move").click()
    expect(secretariat.locator(".messages")).to_contain_text("Under discussion")
    closes = timezone.localtime() + timedelta(days=7)
    secretariat.get_by_label("Vote closes at").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    secretariat.get_by_role("button", name="Open the vote").click()
    expect(secretariat.locator(".messages")).to_contain_text("put to the network")

    # Three focal points vote: two yes, one no.
    for focal, org, choice in (
        (focal_a, org_a, "Yes"),
        (focal_b, org_b, "Yes"),
        (focal_c, org_c, "No"),
    ):
        page = signed_in(focal)
        page.goto(url)
        ballot = page.get_by_role("group", name=f"Vote for {org.name}")
        ballot.get_by_label(choice, exact=True).check()
        ballot.get_by_role("button", name="Cast the vote").click()
        expect(page.locator(".messages")).to_contain_text("Your vote for")

    # The secretariat closes the vote: adopted, with the roll-call.
    secretariat.goto(url)
    secretariat.get_by_role("button", name="Close the vote now").click()
    expect(secretariat.locator("main")).to_contain_text("Adopted: 2 yes, 1 no, 0 abstain")
    rollcall = secretariat.get_by_role("table", name="Roll-call by organization")
    expect(rollcall.get_by_role("row", name="Agency C")).to_contain_text("No")
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.ADOPTED

    # It appears on the adopted agenda with its linked gap.
    visitor = signed_in(member_a)
    visitor.goto("/agenda/adopted/")
    article = visitor.locator("article", has_text="Re-trafficking of children")
    expect(article).to_contain_text("Re-trafficking is barely documented")
    expect(visitor.get_by_role("heading", name="Patterns and flows")).to_be_visible()
