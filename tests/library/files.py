"""Uploads whose first bytes are (or are not) what their names claim."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_upload(name="report.pdf", size=None):
    content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    if size:
        content += b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def zip_upload(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def docx_upload(name="report.docx"):
    return zip_upload(name, {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})


def odt_upload(name="report.odt"):
    return zip_upload(
        name, {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}
    )
