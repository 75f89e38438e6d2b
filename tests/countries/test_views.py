import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from network.countries.enums import AnswerStatus
from network.countries.models import Answer, ProfileVersion, Round
from network.countries.selectors import BASELINE, BASELINE_PERIOD, BASELINE_SOURCE
from network.gaps.models import Country
from tests.factories.countries import (
    AnswerFactory,
    ProfileVersionFactory,
    RoundCountryFactory,
    questionnaire_v1,
)
from tests.factories.gaps import CountryFactory, SubRegionFactory

pytestmark = pytest.mark.django_db
SOURCES_DIR = Path(
    os.environ.get("SEED_SOURCES_DIR", settings.BASE_DIR.parent / "shared" / "seeds")
)


def _entry(value, kind="knowledge", ref=""):
    return {"value": value, "source_kind": kind, "source_ref": ref}


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason=f"no seed documents at {SOURCES_DIR}")
def test_baseline_quotes_are_the_seed_text_exactly():
    raw = (SOURCES_DIR / BASELINE_SOURCE).read_text(encoding="utf-8")
    # With a line-end hyphen kept ("anti-\ntrafficking") or undone ("Traf-\nficking").
    texts = [" ".join(re.sub(r"-[ \t]*\n\s*", joint, raw).split()) for joint in ("", "-", "- ")]
    for quote in [BASELINE_PERIOD, *(quote for _label, quote, _kind in BASELINE)]:
        assert any(quote in text for text in texts), quote


def test_country_list_quotes_the_study_and_says_no_data_yet(client):
    CountryFactory(code="MD")
    body = client.get("/countries/").content.decode()
    for _label, quote, _kind in BASELINE:
        assert escape(quote) in body
    assert escape(BASELINE_PERIOD) in body
    assert "Current figures are based on 0 countries with data." in body
    assert "No data yet" in body


def test_country_list_counts_current_profiles_beside_the_baseline(client):
    questionnaire_v1()
    for code, plan in (("MD", "child_specific"), ("AL", "general"), ("RO", "none")):
        ProfileVersionFactory(
            country=CountryFactory(code=code), number=1, values={"action_plan": _entry(plan)}
        )
    body = client.get("/countries/").content.decode()
    assert "2 with a national action plan (based on 3 countries with data)" in body
    assert "1 with a child-specific part (based on 3 countries with data)" in body
    assert "Up to date" in body


def test_country_page_shows_values_with_source_and_round(client):
    questionnaire_v1()
    moldova = CountryFactory(code="MD")
    ProfileVersionFactory(
        country=moldova,
        number=1,
        values={
            "action_plan": {
                **_entry("child_specific", "publication", "National Plan 2008-2010"),
                "round": "Update 2027",
                "answered_by": ["Agency A"],
                "disagreement": [{"organization": "Agency B", "value": "general"}],
            },
            "children_identified": _entry(7),
        },
    )
    body = client.get("/countries/md/").content.decode()
    assert "With a child-specific part" in body
    assert "National Plan 2008-2010" in body
    assert "round “Update 2027”" in body
    assert "answered by Agency A" in body
    assert "Agency B: General" in body
    # A count of people below 11 is never shown as a number.
    assert "fewer than 11" in body and ">7<" not in body


def test_unknown_country_code_is_a_404_with_a_message(client):
    response = client.get("/countries/ZZ/")
    assert response.status_code == 404
    assert "No country with the code" in response.content.decode()
    assert client.get("/api/v1/countries/ZZ").status_code == 404


def test_history_lists_every_version_with_what_changed(client):
    questionnaire_v1()
    moldova = CountryFactory(code="MD")
    ProfileVersionFactory(
        country=moldova, number=1, is_current=False,
        values={"summary": _entry("First words")}, changed=["summary"],
    )  # fmt: skip
    ProfileVersionFactory(
        country=moldova, number=2,
        values={"summary": _entry("Second words")}, changed=["summary"],
    )  # fmt: skip
    body = client.get("/countries/MD/history/").content.decode()
    assert body.index("Version 2") < body.index("Version 1")
    assert "First words" in body and "Second words" in body
    history = client.get("/api/v1/countries/MD/history").json()
    assert [v["number"] for v in history["versions"]] == [2, 1]
    assert history["versions"][0]["answers"][0]["value"] == "Second words"


def _countries_with_versions(n, region):
    from django_countries import countries as all_countries

    codes = [code for code, _name in all_countries][:n]
    for code in codes:
        country = CountryFactory(code=code, sub_region=region)
        for number in range(1, 6):
            ProfileVersionFactory(
                country=country, number=number, is_current=number == 5,
                values={"summary": _entry(f"v{number}")}, changed=["summary"],
            )  # fmt: skip
    return codes


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_country_pages_cost_the_same_queries_for_5_and_50_countries(client, settings):
    settings.PAGE_CACHE = False
    questionnaire_v1()
    region = SubRegionFactory()
    first = _countries_with_versions(5, region)
    # Warm the shared caches (footer menu, filter choices): the steady state is measured.
    _queries(client, "/countries/"), _queries(client, f"/countries/{first[0]}/")
    small = (_queries(client, "/countries/"), _queries(client, f"/countries/{first[0]}/"))
    Country.objects.all().delete()
    _countries_with_versions(50, region)
    # The counts kept until a write are computed again once after it.
    _queries(client, "/countries/")
    large = (_queries(client, "/countries/"), _queries(client, f"/countries/{first[0]}/"))
    assert small == large
    assert ProfileVersion.objects.count() == 250


def test_a_focal_point_answers_saves_a_draft_then_submits(client, focal_a, org_a):
    answer = AnswerFactory(organization=org_a, round_country__country=CountryFactory(code="MD"))
    url = f"/rounds/{answer.round_country.round.slug}/MD/"
    client.force_login(focal_a)
    page = client.get(url).content.decode()
    assert "Save the draft" in page and "never personal data of trafficked persons" in page
    data = {
        "revision": 0,
        "q_action_plan": "general",
        "q_action_plan_source_kind": "publication",
        "q_action_plan_source_ref": "Plan 2009",
        "q_palermo_year": "2003",
        "q_palermo_year_source_kind": "knowledge",
        "save": "1",
    }
    response = client.post(url, data, follow=True)
    assert "Your draft was saved" in response.content.decode()
    answer.refresh_from_db()
    assert answer.values["action_plan"] == _entry("general", "publication", "Plan 2009")
    assert answer.values["palermo_year"]["value"] == 2003
    assert answer.status == AnswerStatus.DRAFT and answer.revision == 1
    response = client.post(url, {**data, "revision": 1, "submit": "1"}, follow=True)
    assert "submitted to the secretariat" in response.content.decode()
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.SUBMITTED


def test_bad_answers_get_messages_and_change_nothing(client, focal_a, org_a):
    answer = AnswerFactory(organization=org_a, round_country__country=CountryFactory(code="MD"))
    url = f"/rounds/{answer.round_country.round.slug}/MD/"
    client.force_login(focal_a)
    response = client.post(
        url, {"revision": 0, "q_palermo_year": "two thousand", "q_summary": "Text", "save": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a year, such as 2008." in body
    assert "Say where this answer comes from." in body
    # A second browser that read revision 0 after another save is refused.
    Answer.objects.filter(pk=answer.pk).update(revision=3, saved_at=timezone.now())
    response = client.post(url, {"revision": 0, "save": "1"}, follow=True)
    assert "Someone else saved this answer" in response.content.decode()
    answer.refresh_from_db()
    assert answer.values == {} and answer.revision == 3


def test_another_organizations_focal_point_cannot_answer(client, focal_b, org_a):
    answer = AnswerFactory(organization=org_a, round_country__country=CountryFactory(code="MD"))
    client.force_login(focal_b)
    url = f"/rounds/{answer.round_country.round.slug}/MD/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"revision": 0, "save": "1"}).status_code == 404
    answer.refresh_from_db()
    assert answer.revision == 0


def test_a_plain_member_reads_the_draft_but_cannot_change_it(client, member_a, org_a):
    answer = AnswerFactory(
        organization=org_a, round_country__country=CountryFactory(code="MD"), revision=1,
        values={"summary": _entry("Our draft words")},
    )  # fmt: skip
    client.force_login(member_a)
    url = f"/rounds/{answer.round_country.round.slug}/MD/"
    body = client.get(url).content.decode()
    assert "Our draft words" in body and "Save the draft" not in body
    assert client.post(url, {"revision": 1, "save": "1"}).status_code == 403


def test_staff_open_a_round_in_two_steps(client, staff, org_a, org_b):
    questionnaire = questionnaire_v1()
    moldova = CountryFactory(code="MD")
    client.force_login(staff)
    deadline = (timezone.localdate() + timedelta(days=40)).isoformat()
    step_one = {
        "title": "Spring update",
        "questionnaire": questionnaire.pk,
        "deadline": deadline,
        "countries": [moldova.pk],
    }
    body = client.post("/rounds/new/", step_one).content.decode()
    assert "Who answers for each country" in body
    # The organizations that work in Moldova (the factory's countries) are ticked already.
    assert body.count("checked") == 2
    missing = client.post("/rounds/new/", {**step_one, "confirm": "1"}).content.decode()
    assert "Choose at least one organization to answer for Moldova." in missing
    assert not Round.objects.exists()
    response = client.post(
        "/rounds/new/",
        {**step_one, "confirm": "1", "respondents_MD": [org_a.pk]},
        follow=True,
    )
    assert "The round is open" in response.content.decode()
    round_ = Round.objects.get()
    assert list(Answer.objects.filter(round_country__round=round_).values_list(
        "organization__slug", flat=True)) == ["agency-a"]  # fmt: skip


def test_staff_review_shows_the_disagreement_and_publishes(client, staff, org_a, org_b):
    questionnaire_v1()
    round_country = RoundCountryFactory(country=CountryFactory(code="MD"))
    a = AnswerFactory(
        round_country=round_country, organization=org_a, status=AnswerStatus.SUBMITTED,
        values={"action_plan": _entry("general")},
    )  # fmt: skip
    AnswerFactory(
        round_country=round_country, organization=org_b, status=AnswerStatus.SUBMITTED,
        values={"action_plan": _entry("none")},
    )  # fmt: skip
    client.force_login(staff)
    url = f"/rounds/{round_country.round.slug}/MD/"
    body = client.get(url).content.decode()
    assert "disagreement" in body
    response = client.post(url + "publish/", {"choose_action_plan": a.pk}, follow=True)
    assert "The profile of Moldova is published." in response.content.decode()
    version = ProfileVersion.objects.get()
    assert version.values["action_plan"]["value"] == "general"
    assert version.values["action_plan"]["disagreement"] == [
        {"organization": "Agency B", "value": "none"}
    ]


def test_a_round_is_invisible_to_organizations_not_asked(client, focal_b, org_a):
    answer = AnswerFactory(organization=org_a)
    client.force_login(focal_b)
    assert client.get(f"/rounds/{answer.round_country.round.slug}/").status_code == 404
    assert answer.round_country.round.title not in client.get("/rounds/").content.decode()


def test_data_availability_shows_what_profiles_say_and_the_heatmap_links_it(client):
    questionnaire_v1()
    ProfileVersionFactory(
        country=CountryFactory(code="MD"), number=1,
        values={"disaggregations": _entry(["age", "sex"])},
    )  # fmt: skip
    CountryFactory(code="AL")
    body = client.get("/countries/data-availability/").content.decode()
    moldova = body[body.index(">Moldova<") : body.index("</tr>", body.index(">Moldova<"))]
    assert moldova.count(">published<") == 2 and moldova.count(">not published<") == 2
    albania = body[body.index(">Albania<") : body.index("</tr>", body.index(">Albania<"))]
    assert "published" not in albania.replace("not stated", "")
    assert "/countries/data-availability/" in client.get("/gaps/heatmap/").content.decode()
