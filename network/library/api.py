"""API: the library — read with the page's filters, add with a personal token."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from pydantic import Field

from network.platform.api import (
    COUNTRY,
    InputSchema,
    PageParams,
    contract,
    export_of,
    fields_of,
    filter_values,
    found_or_404,
    page_of,
)
from network.platform.api import page_schema as _page

from . import selectors, services
from .enums import PublicationSort, PublicationType, Region
from .models import MAX_YEAR, MIN_YEAR

router = Router()


class PublicationOut(Schema):
    slug: str
    title: str
    type: str
    year: int | None
    month: int | None
    publishers: list[str] = Field(description="Slugs of the publishing member organizations")
    other_publishers: str
    regions: list[str]
    countries: list[str]
    languages: list[str]
    summary: str
    document_url: str | None
    link: str
    url: str
    created_at: datetime


class PublicationFilters(Schema):
    type: PublicationType | None = None
    organization: str | None = Field(None, max_length=80, description="Organization slug")
    year_from: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    year_to: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    region: Region | None = None
    country: str | None = Field(None, pattern=COUNTRY)
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,4})?$")
    q: str | None = Field(None, max_length=200)
    sort: PublicationSort = PublicationSort.NEWEST


class PublicationIn(InputSchema):
    title: str = Field(min_length=1, max_length=300)
    type: PublicationType
    summary: str = Field(min_length=1, max_length=5000)
    publishers: list[str] = Field(
        default_factory=list, max_length=20, description="Member organization slugs"
    )
    other_publishers: str = Field("", max_length=300)
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    month: int | None = Field(None, ge=1, le=12)
    regions: list[Region] = Field(default_factory=list, max_length=20)
    countries: list[Annotated[str, Field(pattern=COUNTRY)]] = Field(
        default_factory=list, max_length=100, description="ISO 3166 codes"
    )
    languages: list[str] = Field(default_factory=list, max_length=50)
    link: str = Field("", max_length=500)


PublicationPage = _page(PublicationOut, "PublicationPage")


def _publication(request, publication):
    return {
        **fields_of(publication, "slug", "title", "type", "year", "month"),
        "publishers": [o.slug for o in publication.publishers.all()],
        "other_publishers": publication.other_publishers,
        "regions": list(publication.regions),
        "countries": [str(c) for c in publication.countries],
        "languages": list(publication.languages),
        "summary": publication.summary,
        "document_url": request.build_absolute_uri(publication.document.url)
        if publication.document
        else None,
        "link": publication.link,
        "url": request.build_absolute_uri(publication.get_absolute_url()),
        "created_at": publication.created_at,
    }


@router.get("", **contract(PublicationPage), summary="List publications")
def publication_list(request, filters: Query[PublicationFilters], page: Query[PageParams]):
    """The same filters as /library/."""
    return page_of(
        selectors.publication_list(filters=filter_values(filters)),
        page,
        item=lambda p: _publication(request, p),
    )


@router.get("/export.csv", summary="Publications as CSV", **contract(csv=True))
def publication_export(request, filters: Query[PublicationFilters]):
    return export_of(
        selectors.publication_list(filters=filter_values(filters)),
        list(PublicationOut.model_fields),
        "publications.csv",
        item=lambda p: _publication(request, p),
    )


@router.get("/{slug}", **contract(PublicationOut, found=True), summary="One publication")
def publication_detail(request, slug: str):
    publication = found_or_404(
        selectors.publication_detail(slug=slug), gettext("No such publication.")
    )
    return _publication(request, publication)


@router.post(
    "",
    **contract(PublicationOut, status=201, write=True),
    summary="Add a publication for your organization",
)
def publication_create(request, payload: PublicationIn):
    """Needs a token. The same rules as /library/add/: a member of an admitted organization,
    naming their own organization among the publishers (staff may name any)."""
    user = request.auth
    data = payload.dict()
    slugs = data.pop("publishers")
    publishers = list(selectors.publisher_choices().filter(slug__in=slugs))
    missing = sorted(set(slugs) - {o.slug for o in publishers})
    if missing:
        raise ValidationError(
            {
                "publishers": gettext("Unknown organizations: %(slugs)s.")
                % {"slugs": ", ".join(missing)}
            }
        )
    data["countries"] = [c.upper() for c in data["countries"]]
    data["regions"] = [str(r.value if hasattr(r, "value") else r) for r in data["regions"]]
    publication = services.publication_create(by=user, publishers=publishers, **data)
    publication = selectors.publication_detail(slug=publication.slug)
    return Status(201, _publication(request, publication))
