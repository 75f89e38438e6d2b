"""What an uploaded document really is, told from its content: names prove nothing.

Every feature that takes files (library publications, event outputs, documents uploaded in
the Wagtail admin, which project outputs attach) accepts only formats found here, and
never HTML or SVG, which a browser would run."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "odt": "OpenDocument (ODT)", "xlsx": "Excel (XLSX)"}


def file_kind(upload) -> str | None:
    """'pdf', 'docx', 'xlsx' or 'odt' from the file's first bytes and, for the ZIP-based
    formats, the parts every such file has; None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def document_check(upload, *, allowed=None, max_bytes=MAX_DOCUMENT_BYTES) -> str:
    """Refuse a file over the size limit, one whose content is not an allowed kind, or one
    whose name claims another kind (``report.pdf.html``); return its kind."""
    allowed = list(allowed or settings.WAGTAILDOCS_EXTENSIONS)
    name = upload.name or ""
    if upload.size > max_bytes:
        raise ValidationError(
            gettext("“%(name)s” is %(size).1f MB: the limit is %(limit)s MB.")
            % {"name": name, "size": upload.size / 1024 / 1024, "limit": max_bytes // 1024 // 1024}
        )
    kind = file_kind(upload)
    if kind not in allowed:
        accepted = ", ".join(LABELS.get(a, a.upper()) for a in allowed)
        raise ValidationError(
            gettext("“%(name)s” is not accepted: only %(accepted)s files are.")
            % {"name": name, "accepted": accepted}
        )
    extension = extension_of(name)
    if extension != kind:
        raise ValidationError(
            gettext(
                "“%(name)s” is a %(kind)s file but its name ends in “.%(extension)s”: "
                "rename it to end in “.%(ending)s”."
            )
            % {"name": name, "kind": kind.upper(), "extension": extension, "ending": kind}
        )
    return kind
