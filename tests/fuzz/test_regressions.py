"""The failing examples the fuzzers found, kept as plain tests."""

import json

import pytest
from django.db import transaction

from members import services as member_services
from tests.fuzz.support import tables_written, write_counts

pytestmark = pytest.mark.django_db


def _send(client, method, path, **kwargs):
    with transaction.atomic():
        before = write_counts()
        response = client.generic(method, path, **kwargs)
        written = tables_written(before, write_counts())
        transaction.set_rollback(True)
    return response, written


def test_an_empty_post_to_a_form_shows_its_errors(world, client):
    """Found: `Form(request.POST or None)` left an empty POST unbound, so the page came back
    blank, without a word."""
    client.force_login(world.focal_a)
    response, written = _send(client, "POST", f"/members/{world.org_a.slug}/edit/")
    assert response.status_code == 200
    assert b'class="errorlist' in response.content
    assert b"This field is required." in response.content
    assert written == set()


@pytest.mark.parametrize(
    "path, field",
    [
        ("/members/profile/", "display_name"),
        ("/gaps/report/", "countries"),
        ("/library/add/", "title"),
    ],
)
def test_a_nul_character_in_a_form_is_a_400_that_says_why(world, client, path, field):
    client.force_login(world.member_a)
    response, written = _send(
        client,
        "POST",
        path,
        data=f"{field}=a%00b&title=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert b"null character (U+0000)" in response.content
    assert written == set()


def test_a_nul_character_in_a_query_parameter_is_a_400(world, client):
    """Found: the site search handed it to PostgreSQL full-text search, a 500."""
    response, _ = _send(client, "GET", "/search/?q=child%00labour")
    assert response.status_code == 400
    assert b"null character" in response.content


@pytest.mark.parametrize(
    "path, body",
    [
        # Found by the API fuzzer: psycopg raised DataError on the slug lookup, a 500.
        (
            "/api/v1/gaps",
            {
                "organization": "agency-a\u0000",
                "title": "t",
                "description": "d",
                "area": "flows",
                "empty_reason": "not_collected",
                "countries": ["AL"],
            },
        ),
        (
            "/api/v1/publications",
            {"title": "t", "type": "report", "summary": "s", "publishers": ["agency-a\u0000"]},
        ),
    ],
)
def test_a_nul_character_in_an_api_body_is_a_json_400(world, client, path, body):
    token = member_services.token_create(user=world.member_a, name="nul")[1]
    response, written = _send(
        client,
        "POST",
        path,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert written == set()


@pytest.mark.parametrize(
    "path", ["/api/v1/projects/a%00b", "/api/v1/publications/x%00", "/api/v1/gaps?sub_region=%00"]
)
def test_a_nul_character_in_an_api_path_or_filter_is_a_json_400(world, client, path):
    """Found by schemathesis: slugs and filters went into queries as they came, a 500."""
    response = client.get(path)
    assert response.status_code == 400
    assert "null character" in response.json()["detail"]


def test_a_form_body_sent_to_the_api_is_a_json_400(world, client):
    """Found while adding the NUL guard: had the middleware parsed a multipart body sent to
    the API, the API could no longer read it, a 500."""
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    token = member_services.token_create(user=world.member_a, name="form")[1]
    response, written = _send(
        client,
        "POST",
        "/api/v1/publications",
        data=encode_multipart(BOUNDARY, {"title": "t", "summary": "a\x00b"}),
        content_type=MULTIPART_CONTENT,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert written <= {"members_apitoken"}  # the token's last use, nothing else
