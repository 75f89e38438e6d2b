"""Every write to the library: publications and their documents."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.documents import get_document_model

from members.models import Organization, User
from network.platform.services import check_fields, check_slug, service_save, unique_slug

from . import selectors
from .models import Publication
from .validators import extension_of, file_kind

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# Paths under /library/ that a publication's slug must never shadow.
RESERVED_SLUGS = {"add", "feed"}
PUBLICATION_KINDS = ("pdf", "docx", "odt")


def document_validate(upload) -> str:
    """Check an uploaded file is a PDF, DOCX or ODT of at most 20 MB; return its kind."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "document": gettext("The file is %(size).1f MB; the limit is 20 MB.")
                % {"size": upload.size / 1024 / 1024}
            }
        )
    # The file's content decides, never its name.
    kind = file_kind(upload)
    extension = extension_of(upload.name)
    if kind not in PUBLICATION_KINDS:
        raise ValidationError(
            {
                "document": gettext(
                    "Only PDF, Word (DOCX) and OpenDocument (ODT) files are accepted."
                )
            }
        )
    if extension != kind:
        raise ValidationError(
            {
                "document": gettext("The file is a %(kind)s but its name ends in “.%(extension)s”.")
                % {"kind": kind.upper(), "extension": extension}
            }
        )
    return kind


def _document_create(*, upload, title, by):
    document_validate(upload)
    document = get_document_model()(title=title[:255], file=upload, uploaded_by_user=by)
    document.save()
    return document


def _check_publishers(*, by, publishers, other_publishers):
    """Non-staff must name at least one organization of theirs among the publishers."""
    if not publishers and not other_publishers.strip():
        raise ValidationError({"publishers": gettext("Name at least one publisher.")})
    if by.has_perm("library.publish_for_any_organization"):
        return
    own = set(selectors.organizations_of(by).values_list("pk", flat=True))
    if not own.intersection(organization.pk for organization in publishers):
        raise ValidationError(
            {"publishers": gettext("Include your own organization among the publishers.")}
        )


def _save(publication, publishers):
    """Save a publication, then set its publishers."""
    service_save(publication)
    publication.publishers.set(publishers)
    return publication


@transaction.atomic
def publication_create(
    *,
    by: User,
    title: str,
    type: str,
    summary: str,
    publishers: list[Organization] | None = None,
    other_publishers: str = "",
    year: int | None = None,
    month: int | None = None,
    regions: list[str] | None = None,
    countries: list[str] | None = None,
    languages: list[str] | None = None,
    link: str = "",
    upload=None,
    document=None,
    slug: str = "",
    source_document: str = "",
    source_quote: str = "",
    gaps=None,
    priorities=None,
) -> Publication:
    """Add a publication for one or more organizations, with the gaps and priorities it
    informs. The secretariat may also give the CURATED_FIELDS in the admin: a slug chosen by
    hand (otherwise made from the title), a document from the documents library, the source.

    Side effects: records who added it; stores the uploaded file as a Wagtail document; the
    search index is updated by Wagtail's save signal.
    """
    if not by.has_perm("library.add_publication"):
        raise PermissionDenied(
            gettext("Only people of a member organization can add publications.")
        )
    curated = slug or document or source_document or source_quote
    if curated and not by.has_perm("library.curate_publication"):
        raise PermissionDenied(gettext("You may not curate publications."))
    publishers = list(publishers or [])
    _check_publishers(by=by, publishers=publishers, other_publishers=other_publishers)
    publication = Publication(
        title=title.strip(),
        type=type,
        summary=summary,
        other_publishers=other_publishers.strip(),
        year=year,
        month=month,
        regions=list(regions or []),
        countries=list(countries or []),
        languages=list(languages or []),
        link=link,
        document=document,
        source_document=source_document.strip(),
        source_quote=source_quote.strip(),
        added_by=by,
    )
    if slug:
        check_slug(slug, reserved=RESERVED_SLUGS)
    publication.slug = slug or unique_slug(
        publication.title,
        queryset=Publication.objects,
        fallback="publication",
        reserved=RESERVED_SLUGS,
        max_length=100,
    )
    publication.full_clean()
    if upload is not None:
        publication.document = _document_create(upload=upload, title=publication.title, by=by)
    publication = _save(publication, publishers)
    _set_links(publication, gaps=gaps, priorities=priorities)
    return publication


def _set_links(publication, *, gaps, priorities):
    if gaps is not None:
        publication.gaps.set(gaps)
    if priorities is not None:
        publication.priorities.set(priorities)


# What people of the publishers change on the site; the secretariat also curates the address
# (slug), the document picked from the documents library and the source, in the admin.
# The site's form shows them in this order (network/library/forms.py).
EDITABLE_FIELDS = (
    "title",
    "type",
    "other_publishers",
    "year",
    "month",
    "regions",
    "countries",
    "languages",
    "summary",
    "link",
)
CURATED_FIELDS = ("slug", "document", "source_document", "source_quote")


@transaction.atomic
def publication_update(
    *,
    publication: Publication,
    by: User,
    publishers: list[Organization] | None = None,
    upload=None,
    remove_document: bool = False,
    gaps=None,
    priorities=None,
    **fields,
) -> Publication:
    """Change a publication's fields (EDITABLE_FIELDS), publishers or document.

    Side effects: records when it changed; stores a newly uploaded file as a Wagtail document
    (the old one stays in the documents library for editors to clean up).
    """
    if not by.has_perm("library.change_publication", publication):
        raise PermissionDenied(gettext("You may not change this publication."))
    return _update(
        publication=publication,
        by=by,
        fields=fields,
        allowed=EDITABLE_FIELDS,
        publishers=publishers,
        upload=upload,
        remove_document=remove_document,
        gaps=gaps,
        priorities=priorities,
    )


@transaction.atomic
def publication_curate(
    *,
    publication: Publication,
    by: User,
    publishers: list[Organization] | None = None,
    **fields,
) -> Publication:
    """The secretariat's edit in the Wagtail admin: what publication_update changes, and the
    CURATED_FIELDS too (a slug chosen by hand may not shadow a page of the library).

    Side effects: records when it changed.
    """
    if not by.has_perm("library.curate_publication", publication):
        raise PermissionDenied(gettext("You may not curate this publication."))
    return _update(
        publication=publication,
        by=by,
        fields=fields,
        allowed={*EDITABLE_FIELDS, *CURATED_FIELDS},
        publishers=publishers,
    )


def _update(
    *,
    publication,
    by,
    fields,
    allowed,
    publishers=None,
    upload=None,
    remove_document=False,
    gaps=None,
    priorities=None,
):
    check_fields(fields, allowed=allowed)
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if fields.get("slug", publication.slug) != publication.slug:
        check_slug(fields["slug"], reserved=RESERVED_SLUGS)
    if publishers is None:
        publishers = list(publication.publishers.all())
    for name, value in fields.items():
        setattr(publication, name, value.strip() if isinstance(value, str) else value)
    _check_publishers(
        by=by, publishers=list(publishers), other_publishers=publication.other_publishers
    )
    if remove_document:
        publication.document = None
    publication.updated_at = timezone.now()
    publication.full_clean()
    if upload is not None:
        publication.document = _document_create(upload=upload, title=publication.title, by=by)
    publication = _save(publication, list(publishers))
    _set_links(publication, gaps=gaps, priorities=priorities)
    return publication


@transaction.atomic
def publication_delete(*, publication: Publication, by: User) -> None:
    """Remove a publication from the library.

    Side effects: none beyond the row; its document stays in the Wagtail documents library.
    """
    if not by.has_perm("library.delete_publication", publication):
        raise PermissionDenied(gettext("You may not remove this publication."))
    publication.delete()
