"""Text answers are sent gzipped to browsers that accept it; documents and images are not."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from network.platform.middleware import TextGZipMiddleware
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _page(response):
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def test_pages_are_gzipped_for_browsers_that_accept_it(client, settings):
    settings.PAGE_CACHE = True
    for number in range(30):
        OrganizationFactory(name=f"Agency {number}", slug=f"agency-{number}")
    plain = client.get("/members/")
    assert "Content-Encoding" not in plain
    for attempt in ("first", "from the page cache"):
        packed = client.get("/members/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert packed["Content-Encoding"] == "gzip", attempt
        assert "Accept-Encoding" in packed["Vary"]
        assert len(packed.content) < len(plain.content) / 3, attempt
        assert _page(packed) == plain.content.decode()


def test_json_is_gzipped_too(client):
    for number in range(30):
        OrganizationFactory(name=f"Agency {number}", slug=f"agency-{number}")
    response = client.get("/api/v1/organizations", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert '"Agency 0"' in _page(response)


@pytest.mark.parametrize("kind", ["application/pdf", "image/png", "application/octet-stream"])
def test_documents_and_images_are_sent_as_they_are(kind):
    request = RequestFactory().get("/documents/1/report.pdf", HTTP_ACCEPT_ENCODING="gzip")
    body = b"%PDF-1.7 " + b"stream of a compressed document " * 100
    middleware = TextGZipMiddleware(lambda request: HttpResponse(body, content_type=kind))
    response = middleware(request)
    assert "Content-Encoding" not in response
    assert response.content == body
