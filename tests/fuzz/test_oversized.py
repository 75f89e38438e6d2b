"""Real oversized requests — a form, an upload, an API body — answer 413 or 400 with a sentence
that says why, never a 500, and write nothing."""

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from members import services as member_services
from tests.fuzz.support import tables_written, write_counts

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n"


def _send(client, path, **kwargs):
    with transaction.atomic():
        before = write_counts()
        response = client.generic("POST", path, **kwargs)
        written = tables_written(before, write_counts())
        transaction.set_rollback(True)
    return response, written


def _form(fields):
    return encode_multipart(BOUNDARY, fields), MULTIPART_CONTENT


def test_a_form_field_past_the_memory_limit_is_413(world, client):
    client.force_login(world.member_a)
    body, content_type = _form({"display_name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response, written = _send(client, "/members/profile/", data=body, content_type=content_type)
    assert response.status_code == 413
    assert b"larger than this site accepts (2.5 MB" in response.content
    assert written == set()


def test_an_urlencoded_body_past_the_memory_limit_is_413(world, client):
    client.force_login(world.member_a)
    body = "bio=" + "y" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response, written = _send(
        client,
        "/members/profile/",
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert written == set()


def test_too_many_fields_is_400(world, client):
    client.force_login(world.member_a)
    body = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response, written = _send(
        client, "/members/profile/", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert b"more fields or files than any form" in response.content
    assert written == set()


def test_too_many_files_is_400(world, client):
    client.force_login(world.member_a)
    files = [
        SimpleUploadedFile(f"{i}.pdf", PDF)
        for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    body, content_type = _form({"title": "Many files", "document": files})
    response, written = _send(client, "/library/add/", data=body, content_type=content_type)
    assert response.status_code == 400
    assert written == set()


def test_an_upload_past_the_request_limit_is_413_before_it_is_read(world, client):
    client.force_login(world.member_a)
    size = settings.MAX_REQUEST_BYTES + 1
    body, content_type = _form(
        {
            "title": "Huge",
            "type": "report",
            "document": SimpleUploadedFile("big.pdf", PDF + b"0" * size),
        }
    )
    response, written = _send(client, "/library/add/", data=body, content_type=content_type)
    assert response.status_code == 413
    assert b"uploads at most 20 MB" in response.content
    assert written == set()


def test_an_upload_over_20_mb_within_the_request_limit_is_refused_by_the_form(world, client):
    client.force_login(world.member_a)
    document = SimpleUploadedFile("big.pdf", PDF + b"0" * (20 * 1024 * 1024 + 1))
    body, content_type = _form(
        {
            "title": "Too big a document",
            "type": "report",
            "summary": "A study.",
            "year": "2020",
            "publishers": str(world.org_a.pk),
            "document": document,
        }
    )
    response, written = _send(client, "/library/add/", data=body, content_type=content_type)
    assert response.status_code == 200
    assert b"the limit is 20 MB" in response.content
    assert written == set()


def test_an_oversized_api_body_is_a_json_413(world, client):
    token = member_services.token_create(user=world.member_a, name="big")[1]
    body = json.dumps({"title": "t", "type": "report", "summary": "s" * 3_000_000})
    response, written = _send(
        client,
        "/api/v1/publications",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 413
    assert "larger than this site accepts" in response.json()["detail"]
    assert written == set()


def test_an_api_body_past_the_request_limit_is_a_json_413(world, client):
    response, written = _send(
        client,
        "/api/v1/gaps",
        data=b"{" + b" " * (settings.MAX_REQUEST_BYTES + 1) + b"}",
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request is larger")
    assert written == set()
