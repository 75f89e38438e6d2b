"""Uploads (issue 8, item 8): each feature accepts only its formats, told by content; HTML and
SVG never get in, through the site or the Wagtail admin; and whatever is stored is served as
an attachment with nosniff and a sandboxing Content-Security-Policy."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from events import services as event_services
from events.enums import OutputKind
from network.library.services import document_validate
from network.library.validators import document_check, file_kind
from tests.factories.events import EventPageFactory
from tests.library.files import docx_upload, odt_upload, pdf_upload, zip_upload

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script>'
    b'<rect width="10" height="10"/></svg>'
)
PDF = pdf_upload().read()


def hostile():
    """(name, content): what an attacker would try, each refused everywhere."""
    return [
        ("report.pdf", HTML),  # HTML renamed .pdf
        ("x.pdf.html", PDF),  # a real PDF whose name makes it HTML
        ("x.pdf.html", HTML),
        ("drawing.svg", SVG),
        ("drawing.pdf", SVG),
        ("fake.docx", zip_upload("fake.docx", {"index.html": HTML}).read()),  # any ZIP
        ("notes.txt", b"plain text"),
    ]


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def test_content_decides_the_kind_whatever_the_name():
    assert file_kind(pdf_upload("x.html")) == "pdf"
    assert file_kind(docx_upload("x.pdf")) == "docx"
    assert file_kind(odt_upload("x.pdf")) == "odt"
    xlsx = zip_upload("x.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"})
    assert file_kind(xlsx) == "xlsx"
    for name, content in hostile():
        if content is not PDF:
            assert file_kind(_upload(name, content)) is None, name


def test_hostile_files_refused_by_every_feature(focal_a):
    event = EventPageFactory()
    for name, content in hostile():
        with pytest.raises(ValidationError):
            document_check(_upload(name, content))
        with pytest.raises(ValidationError):
            document_validate(_upload(name, content))  # library publications
        with pytest.raises(ValidationError):
            event_services.output_add(
                event=event,
                by=focal_a,
                kind=OutputKind.REPORT,
                title="Report",
                file=_upload(name, content),
            )
    assert get_document_model().objects.count() == 0
    assert event.outputs.count() == 0


def _admin_add_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Uploaded",
            "file": _upload(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_wagtail_document_admin_refuses_hostile_files_with_a_message(client, staff):
    client.force_login(staff)
    for name, content in [*hostile(), ("huge.pdf", PDF + b"0" * (20 * 1024 * 1024))]:
        response = _admin_add_document(client, name, content)
        assert response.status_code == 200, name
        errors = response.context["form"].errors["file"]
        assert errors and (
            "not accepted" in errors[0] or "MB" in errors[0] or "rename" in errors[0]
        )
    assert get_document_model().objects.count() == 0

    # The multiple uploader (drag and drop) goes through the same check.
    refused = client.post(
        "/admin/documents/multiple/add/", {"files[]": _upload("report.pdf", HTML)}
    )
    assert refused.json()["success"] is False
    assert get_document_model().objects.count() == 0

    accepted = _admin_add_document(client, "real.pdf", PDF)
    assert accepted.status_code == 302
    assert get_document_model().objects.get().file.read() == PDF


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_wagtail_image_admin_refuses_svg_and_html(client, staff):
    client.force_login(staff)
    root = Collection.get_first_root_node().pk
    for name, content in [("logo.svg", SVG), ("logo.png", SVG), ("logo.png", HTML)]:
        response = client.post(
            "/admin/images/add/",
            {"title": "Logo", "file": _upload(name, content), "collection": root},
        )
        assert response.status_code == 200, name
        assert response.context["form"].errors["file"], name
    assert get_image_model().objects.count() == 0
    ok = client.post(
        "/admin/images/add/",
        {"title": "Logo", "file": _upload("logo.png", _png()), "collection": root},
    )
    assert ok.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    ("filename", "content"),
    [("legacy.html", HTML), ("legacy.svg", SVG), ("report.pdf", PDF)],
)
def test_documents_are_served_as_sandboxed_attachments(client, filename, content):
    # A file that got in before the checks (or by another path) is still never rendered.
    document = get_document_model().objects.create(
        title="Stored", file=ContentFile(content, name=filename)
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
