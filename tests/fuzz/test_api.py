"""Every API operation that takes a body, fuzzed with JSON (and not-quite-JSON) bodies sent
with the token of a person who may use it: never a server error, a refusal is a 4xx with a
`detail` and writes nothing, and a success writes only what the operation should."""

import json

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from members import services as member_services
from network.api import api
from tests.fuzz.endpoints import COUNTRIES, SENTENCE
from tests.fuzz.support import (
    FUZZ_SETTINGS,
    NASTY,
    TEXT,
    VALID_SETTINGS,
    show,
    tables_written,
    write_counts,
)

pytestmark = pytest.mark.django_db

# Using a token records when it was last used.
TOKEN_USE = {"members_apitoken"}

JSON_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    NASTY,
    TEXT,
)
JSON_VALUE = st.recursive(
    JSON_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)


def fuzzed_json(valid):
    @st.composite
    def build(draw):
        body = dict(draw(valid))
        for key in list(body):
            action = draw(st.sampled_from(["keep", "keep", "replace", "drop"]))
            if action == "replace":
                body[key] = draw(JSON_VALUE)
            elif action == "drop":
                del body[key]
        body.update(draw(st.dictionaries(TEXT, JSON_VALUE, max_size=2)))
        return json.dumps(body)

    raw = st.one_of(
        st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
        JSON_VALUE.map(json.dumps),
        st.sampled_from(["", "{", "[]", "null", '{"a": 1,}', "\x00", '{"title": "\\u0000"}']),
    )
    return st.one_of(build(), build(), build(), raw)


OPERATIONS = {
    ("post", "/api/v1/projects/{slug}/join-requests"): dict(
        role="joiner",
        path=lambda w: f"/api/v1/projects/{w.project.slug}/join-requests",
        valid=lambda w: st.fixed_dictionaries(
            {"message": st.one_of(st.just(""), SENTENCE)},
            optional={"role": st.sampled_from([None, w.open_role.pk])},
        ),
        writes={"projects_joinrequest", "projects_projectnotification"},
        must_write="projects_joinrequest",
    ),
    ("post", "/api/v1/priorities/{pk}/endorsements"): dict(
        role="focal_a",
        path=lambda w: f"/api/v1/priorities/{w.priority.pk}/endorsements",
        valid=lambda w: st.just({"organization": w.org_a.pk}),
        writes={"agenda_endorsement"},
        must_write="agenda_endorsement",
    ),
    ("post", "/api/v1/gaps"): dict(
        role="member_a",
        path=lambda w: "/api/v1/gaps",
        valid=lambda w: st.fixed_dictionaries(
            {
                "organization": st.just(w.org_a.slug),
                "title": SENTENCE,
                "description": SENTENCE,
                "area": st.sampled_from(["flows", "root_causes"]),
                "empty_reason": st.sampled_from(["not_collected", "not_shared"]),
                "countries": st.lists(st.sampled_from(["AL", "MD", "al"]), min_size=1, max_size=2),
            },
            optional={
                "severity": st.sampled_from(["low", "high"]),
                "sub_regions": st.lists(st.just("see"), max_size=1),
                "forms": st.lists(st.sampled_from(["sexual", "labour"]), max_size=2),
                "missing_disaggregations": st.lists(st.sampled_from(["age", "sex"]), max_size=2),
                "horizon": st.sampled_from([None, "2099-06-30"]),
                "evidence": st.lists(
                    st.fixed_dictionaries(
                        {"title": SENTENCE},
                        optional={
                            "url": st.just("https://example.org/s"),
                            "description": SENTENCE,
                            "people_count": st.integers(0, 1000),
                        },
                    ),
                    max_size=2,
                ),
            },
        ),
        writes={
            "gaps_datagap",
            "gaps_datagap_countries",
            "gaps_datagap_sub_regions",
            "gaps_gapevidence",
            "gaps_gapstatuschange",
        },
        must_write="gaps_datagap",
    ),
    ("post", "/api/v1/publications"): dict(
        role="member_a",
        path=lambda w: "/api/v1/publications",
        valid=lambda w: st.fixed_dictionaries(
            {
                "title": SENTENCE,
                "type": st.sampled_from(["report", "handbook"]),
                "summary": SENTENCE,
                "publishers": st.just([w.org_a.slug]),
                "year": st.integers(1990, 2025),  # a month needs a year
            },
            optional={
                "other_publishers": SENTENCE,
                "month": st.integers(1, 12),
                "regions": st.lists(st.just("eu_western_europe"), max_size=1),
                "countries": COUNTRIES,
                "languages": st.lists(st.sampled_from(["en", "fr"]), max_size=2, unique=True),
                "link": st.just("https://example.org/p"),
            },
        ),
        writes={"library_publication", "library_publication_publishers"},
        must_write="library_publication",
    ),
}


def operations_with_a_body():
    schema = api.get_openapi_schema()
    return {
        (method, path)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if "requestBody" in operation
    }


def test_every_operation_with_a_body_is_fuzzed():
    assert operations_with_a_body() == set(OPERATIONS)


def send(client, world, spec, token, body, content_type="application/json"):
    with transaction.atomic():
        before = write_counts()
        response = client.post(
            spec["path"](world),
            body,
            content_type=content_type,
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        written = tables_written(before, write_counts()) - TOKEN_USE
        transaction.set_rollback(True)
    return response, written


@pytest.mark.parametrize("key", list(OPERATIONS), ids=lambda k: k[1])
def test_api_body_survives_fuzzing(key, world, client):
    spec = OPERATIONS[key]
    token = member_services.token_create(user=getattr(world, spec["role"]), name="fuzz")[1]

    @FUZZ_SETTINGS
    @given(
        body=fuzzed_json(spec["valid"](world)),
        content_type=st.sampled_from(
            ["application/json"] * 8
            + ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
        ),
    )
    def run(body, content_type):
        response, written = send(client, world, spec, token, body, content_type)
        where = f"{key[1]} with {show({'body': body})} as {content_type}"
        assert response.status_code < 500, f"{where}: server error {response.status_code}"
        if response.status_code == 201:
            assert written <= spec["writes"], f"{where}: also wrote {written - spec['writes']}"
            assert spec["must_write"] in written, f"{where}: answered 201, wrote {written}"
        else:
            assert 400 <= response.status_code < 500, f"{where}: {response.status_code}"
            assert not written, f"{where}: refused ({response.status_code}) but wrote {written}"
            assert response.json().get("detail"), f"{where}: a refusal without a detail"

    run()


@pytest.mark.parametrize("key", list(OPERATIONS), ids=lambda k: k[1])
def test_api_valid_body_writes_what_it_should(key, world, client):
    spec = OPERATIONS[key]
    token = member_services.token_create(user=getattr(world, spec["role"]), name="fuzz")[1]

    @VALID_SETTINGS
    @given(body=spec["valid"](world))
    def run(body):
        response, written = send(client, world, spec, token, json.dumps(body))
        where = f"{key[1]} with {show(body)}"
        assert response.status_code == 201, f"{where}: {response.status_code} {response.content}"
        assert spec["must_write"] in written and written <= spec["writes"], f"{where}: {written}"

    run()
