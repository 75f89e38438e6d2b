"""The filter and search forms (GET), fuzzed like the others: never a server error, an invalid
filter is reported or ignored, and reading writes nothing."""

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.endpoints import COUNTRIES, WORD
from tests.fuzz.support import FUZZ_SETTINGS, fuzzed, show, tables_written, write_counts

pytestmark = pytest.mark.django_db

PAGE = st.sampled_from(["", "1", "2", "0", "-1", "last", "999999"])

FILTERS = {
    "/members/": dict(
        q=WORD, kind=st.sampled_from(["", "ngo", "un_agency"]), country=st.just("AL"), page=PAGE
    ),
    "/projects/": dict(
        status=st.sampled_from(["", "recruiting"]),
        theme=st.sampled_from(["", "root_causes"]),
        country=st.just("MD"),
        organization=st.just("agency-a"),
        open_roles=st.sampled_from(["", "on"]),
        page=PAGE,
    ),
    "/gaps/": dict(
        area=st.sampled_from(["", "flows"]),
        country=st.just("AL"),
        sub_region=st.just("see"),
        form=st.just("labour"),
        disaggregation=st.just("age"),
        status=st.just("open"),
        page=PAGE,
    ),
    "/gaps/export.csv": dict(area=st.just("flows"), country=st.just("AL")),
    "/gaps/heatmap/": dict(
        form=st.just("sexual"),
        status=st.sampled_from(["", "open"]),
        view=st.sampled_from(["area", "disaggregation"]),
    ),
    "/library/": dict(
        q=WORD,
        type=st.just("report"),
        organization=st.just("agency-a"),
        year_from=st.just("1990"),
        year_to=st.just("2020"),
        region=st.just("eu_western_europe"),
        country=COUNTRIES.map(lambda c: c[0] if c else ""),
        language=st.just("en"),
        sort=st.sampled_from(["", "newest", "title"]),
        page=PAGE,
    ),
    "/agenda/": dict(theme=st.just("ethics"), status=st.just("proposed")),
    "/events/": dict(
        kind=st.just("expert_workshop"), country=st.just("IT"), organization=st.just("agency-c")
    ),
    "/search/": dict(q=WORD, kind=st.sampled_from(["", "projects", "gaps"]), page=PAGE),
}


@pytest.mark.parametrize("path", list(FILTERS))
def test_filter_form_survives_fuzzing(path, world, client):
    client.force_login(world.member_a)
    valid = st.fixed_dictionaries(FILTERS[path])

    @FUZZ_SETTINGS
    @given(params=fuzzed(valid))
    def run(params):
        with transaction.atomic():
            before = write_counts()
            response = client.get(path, params)
            written = tables_written(before, write_counts())
            transaction.set_rollback(True)
        where = f"{path} with {show(params)}"
        assert response.status_code in (200, 400), f"{where}: {response.status_code}"
        # Listing the agenda closes the votes that are due: the only write a read may make.
        assert written <= {"agenda_researchpriority", "agenda_prioritystatuschange"}, where

    run()
