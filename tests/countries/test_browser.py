"""The country round journey in Chromium: the secretariat opens a round for two countries,
two organizations' focal points answer (one saves a draft, comes back later and submits),
the secretariat consolidates and publishes, and the country page, its history and the gap
register show the result."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from members.enums import MembershipRole
from network.gaps.enums import Area, GapStatus
from tests.browser.conftest import (  # noqa: F401 (fixtures)
    _allow_orm_under_playwright,
    browser,
    home_page,
    new_page,
    screenshot,
    site_url,
    staff_with_totp,
)
from tests.browser.test_projects_journey import sign_in
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.factories.countries import questionnaire_v1
from tests.factories.gaps import CountryFactory, DataGapFactory, SubRegionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_country_round_journey(new_page, home_page, staff_with_totp, screenshot):  # noqa: F811
    staff, secret = staff_with_totp
    questionnaire_v1()
    region = SubRegionFactory(name="South-Eastern Europe", slug="see")
    CountryFactory(code="MD", sub_region=region)
    CountryFactory(code="AL", sub_region=region)
    moldova_agency = OrganizationFactory(name="Chisinau Child Rights", countries=["MD"])
    tirana_agency = OrganizationFactory(name="Tirana Research Centre", countries=["AL", "MD"])
    focal_md = UserFactory(email="focal@chisinau.example", display_name="Ion Rusu")
    focal_al = UserFactory(email="focal@tirana.example", display_name="Arta Hoxha")
    MembershipFactory(user=focal_md, organization=moldova_agency, role=MembershipRole.FOCAL_POINT)
    MembershipFactory(user=focal_al, organization=tirana_agency, role=MembershipRole.FOCAL_POINT)
    gap = DataGapFactory(
        title="No data by age and sex in Moldova",
        area=Area.DISAGGREGATION,
        missing_disaggregations=["age", "sex"],
        countries=[],
        sub_regions=[region],
    )

    # The secretariat opens the round.
    secretariat = new_page()
    sign_in(secretariat, staff.email, secret)
    secretariat.goto("/rounds/")
    secretariat.get_by_role("link", name="Open a round").click()
    secretariat.get_by_label("Title").fill("Spring 2027 update")
    deadline = timezone.localdate() + timedelta(days=30)
    secretariat.get_by_label("Deadline").fill(deadline.isoformat())
    secretariat.get_by_label("Moldova").check()
    secretariat.get_by_label("Albania").check()
    secretariat.get_by_role("button", name="Next: choose who answers").click()
    # Moldova: both organizations work there and are ticked; only the Chisinau one answers.
    moldova = secretariat.get_by_role("group", name="Moldova")
    moldova.get_by_label(re.compile("Tirana Research Centre")).uncheck()
    screenshot(secretariat, "countries/01-respondents")
    secretariat.get_by_role("button", name="Open the round and tell the respondents").click()
    expect(secretariat.locator("main")).to_contain_text("The round is open")
    expect(secretariat.locator("main")).to_contain_text("Assigned")

    # The Moldovan focal point saves a draft, comes back, and submits.
    md = new_page()
    sign_in(md, focal_md.email)
    md.goto("/rounds/spring-2027-update/MD/")
    md.get_by_role("group", name="National action plan").get_by_role(
        "combobox", name="National action plan"
    ).select_option("child_specific")
    md.locator("#id_q_action_plan_source_kind").select_option("publication")
    md.locator("#id_q_action_plan_source_ref").fill("National Action Plan 2008-2010")
    md.get_by_role("button", name="Save the draft").click()
    expect(md.locator("main")).to_contain_text("Your draft was saved")
    md.goto("/rounds/spring-2027-update/MD/")
    expect(md.locator("#id_q_action_plan_source_ref")).to_have_value(
        "National Action Plan 2008-2010"
    )
    published = md.get_by_role("group", name="Disaggregations the data-collection systems publish")
    published.get_by_label("Age").check()
    published.get_by_label("Sex").check()
    md.locator("#id_q_disaggregations_source_kind").select_option("link")
    md.locator("#id_q_disaggregations_source_ref").fill("https://statistica.example/children")
    screenshot(md, "countries/02-answer")
    md.get_by_role("button", name="Submit to the secretariat").click()
    expect(md.locator("main")).to_contain_text("submitted to the secretariat")

    # Nothing is public before the secretariat publishes.
    anonymous = new_page()
    anonymous.goto("/countries/MD/")
    expect(anonymous.locator("main")).to_contain_text("No data yet")

    # The Albanian focal point answers for Albania.
    al = new_page()
    sign_in(al, focal_al.email)
    al.goto("/rounds/spring-2027-update/AL/")
    al.locator("#id_q_palermo_ratified").select_option("yes")
    al.locator("#id_q_palermo_ratified_source_kind").select_option("knowledge")
    al.get_by_role("button", name="Submit to the secretariat").click()
    expect(al.locator("main")).to_contain_text("submitted to the secretariat")

    # The secretariat reviews and publishes both countries.
    secretariat.goto("/rounds/spring-2027-update/")
    expect(secretariat.locator("main")).to_contain_text("Submitted")
    for code in ("MD", "AL"):
        secretariat.goto(f"/rounds/spring-2027-update/{code}/")
        secretariat.get_by_role("button", name="Publish the profile").click()
        expect(secretariat.locator("main")).to_contain_text("is published")
    expect(secretariat).to_have_url(re.compile("/countries/AL/$"))

    # Everyone sees the new values with their sources, and the history shows the change.
    anonymous.goto("/countries/MD/")
    main = anonymous.locator("main")
    expect(main).to_contain_text("With a child-specific part")
    expect(main).to_contain_text("National Action Plan 2008-2010")
    expect(main).to_contain_text("round “Spring 2027 update”")
    expect(main).to_contain_text("answered by Chisinau Child Rights")
    screenshot(anonymous, "countries/03-country")
    anonymous.get_by_role("link", name="History").click()
    expect(anonymous.locator("main")).to_contain_text("Version 1")
    expect(anonymous.locator("main")).to_contain_text("Age, Sex")
    anonymous.goto("/countries/")
    expect(anonymous.locator("main")).to_contain_text("1 have ratified")

    # The gap change the Moldovan answer proposes appears on the gap; staff accept it.
    secretariat.goto(f"/gaps/{gap.pk}/")
    proposals = secretariat.locator("section", has_text="Changes proposed by country update rounds")
    expect(proposals).to_contain_text("Moldova now publishes data by age, sex.")
    screenshot(secretariat, "countries/04-gap")
    proposals.get_by_role("button", name="Accept").click()
    expect(secretariat.locator("main")).to_contain_text("The gap change was accepted.")
    gap.refresh_from_db()
    assert gap.status == GapStatus.PARTLY_FILLED
