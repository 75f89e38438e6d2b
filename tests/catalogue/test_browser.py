"""The data access journey in Chromium (issue 18): an organization describes a dataset, a
researcher of another organization asks for access for a project, the owner's focal point finds
it on the desk, asks for more information, then approves with an end date; both see the audit
log, and a third organization sees none of it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from members.enums import MembershipRole
from network.catalogue.models import AccessRequest
from projects.enums import ProjectRole, ProjectStatus
from tests.browser.conftest import (  # noqa: F401 (fixtures)
    _allow_orm_under_playwright,
    browser,
    home_page,
    new_page,
    screenshot,
    site_url,
)
from tests.browser.test_projects_journey import sign_in
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.projects import ProjectMemberFactory, ResearchProjectFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PURPOSE = "Compare return routes of children, PURPOSE-CANARY-7731."


def _person(organization, email, name, role=MembershipRole.MEMBER):
    person = UserFactory(email=email, display_name=name)
    MembershipFactory(user=person, organization=organization, role=role)
    return person


def test_data_access_journey(new_page, home_page, screenshot):  # noqa: F811
    owner_org = OrganizationFactory(name="Chisinau Data Office", slug="chisinau-data-office")
    requester_org = OrganizationFactory(name="Riga Research Institute", slug="riga-research")
    third_org = OrganizationFactory(name="Vilnius Child Watch", slug="vilnius-child-watch")
    focal = _person(owner_org, "focal@chisinau.example", "Ana Focal", MembershipRole.FOCAL_POINT)
    researcher = _person(requester_org, "researcher@riga.example", "Ilze Researcher")
    outsider = _person(
        third_org, "focal@vilnius.example", "Rasa Outsider", MembershipRole.FOCAL_POINT
    )
    project = ResearchProjectFactory(
        title="Return routes study", lead_organization=requester_org, status=ProjectStatus.ACTIVE
    )
    ProjectMemberFactory(project=project, user=researcher, role=ProjectRole.MEMBER)

    # The owner describes its dataset: metadata only.
    owner = new_page()
    sign_in(owner, focal.email)
    owner.goto("/data/")
    owner.get_by_role("link", name="Describe a dataset").click()
    expect(owner.locator("main")).to_contain_text("never upload it")
    owner.get_by_label("Title").fill("Assisted returns register")
    owner.get_by_label("Description").fill("Returns assisted by the office since 2008.")
    owner.get_by_label("Unit of record").fill("assisted returns")
    owner.get_by_label("Access condition").select_option(label="On request to network members")
    owner.get_by_role("button", name="Save").click()
    expect(owner.locator("h1")).to_have_text("Assisted returns register")
    dataset_url = owner.url

    # A researcher of another organization asks for access for the project.
    asker = new_page()
    sign_in(asker, researcher.email)
    asker.goto(dataset_url)
    asker.get_by_role("link", name="Ask for access").click()
    asker.get_by_label("Purpose").fill(PURPOSE)
    asker.get_by_label("The project it serves (optional)").select_option(label=project.title)
    asker.get_by_label("Variables needed").fill("age, sex, year of return")
    asker.get_by_label("Coverage needed (places and years)").fill("Moldova, 2008 to 2012")
    asker.get_by_label("How the data will be kept").fill("Encrypted drive, two named analysts.")
    asker.get_by_label("For how long").fill("Two years")
    asker.get_by_label("Nothing we publish from this data").check()
    mail.outbox.clear()
    asker.get_by_role("button", name="Send the request").click()
    expect(asker.locator("main")).to_contain_text("Submitted")
    request_url = asker.url
    assert [m.to for m in mail.outbox] == [[focal.email]]

    # The owner's focal point finds it on the desk and asks for more information.
    owner.goto("/desk/")
    item = owner.get_by_role("link", name="Assisted returns register, for Riga Research Institute")
    expect(item).to_be_visible()
    screenshot(owner, "catalogue/owner-desk")
    item.click()
    expect(owner.locator("main")).to_contain_text(PURPOSE)
    owner.get_by_label("Step").select_option(label="Asked for more information")
    owner.get_by_label("Reason, question or note").fill("Which districts do you need?")
    owner.get_by_role("button", name="Record").click()
    expect(owner.locator(".status")).to_have_text("More information asked")

    # The researcher answers; the owner approves with conditions and an end date.
    asker.goto(request_url)
    asker.get_by_label("Reason, question or note").fill("All districts, aggregated.")
    asker.get_by_role("button", name="Send").click()
    owner.goto(request_url)
    owner.get_by_label("Step").select_option(label="Approved")
    owner.get_by_label("Conditions").fill("Aggregates only; cite the office.")
    end = timezone.localdate() + timedelta(days=365)
    owner.get_by_label("End").fill(end.isoformat())
    owner.get_by_role("button", name="Record").click()
    expect(owner.locator(".status")).to_have_text("Approved")
    screenshot(owner, "catalogue/approved-request")

    # Both see the whole audit log.
    steps = ["Asked for access", "Asked for more information", "Gave more information", "Approved"]
    for page in (owner, asker):
        page.goto(request_url)
        log = page.locator("ol.log li")
        expect(log).to_have_count(4)
        for index, step in enumerate(steps):
            expect(log.nth(index)).to_contain_text(step)
    assert AccessRequest.objects.get().ends_on == end

    # A third organization sees none of it: not the request, its list, nor the desk.
    third = new_page()
    sign_in(third, outsider.email)
    assert third.goto(request_url).status == 404
    third.goto("/data/requests/")
    expect(third.locator("main")).not_to_contain_text("Assisted returns register")
    third.goto("/desk/")
    expect(third.locator("main")).not_to_contain_text("Assisted returns register")
    third.goto("/search/?q=PURPOSE-CANARY-7731")
    expect(third.locator("main")).to_contain_text("Nothing matches")
    expect(third.locator("main a[href^='/data/requests/']")).to_have_count(0)
