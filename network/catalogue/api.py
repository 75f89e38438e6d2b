"""API: the data catalogue's public metadata, with the catalogue's filters. Access requests
are not here: they are seen only by the two organizations and staff, on the site."""

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from network.platform.api import PageParams, contract, page_of
from network.platform.api import page_schema as _page

from . import selectors
from .enums import AccessCondition

router = Router()


class DatasetOut(Schema):
    slug: str
    title: str
    description: str
    owner: str
    co_owners: list[str]
    countries: list[str]
    sub_regions: list[str]
    year_from: int | None
    year_to: int | None
    coverage: str = Field(description="The coverage in one line, as the site shows it")
    unit_of_record: str
    variables: str
    disaggregations: list[str]
    forms: list[str]
    update_frequency: str
    standard: str
    access: str
    legal_basis: str
    safeguards: str
    contact_role: str
    external_link: str
    source_document: str
    source_quote: str


class DatasetFilters(Schema):
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="ISO code")
    sub_region: str | None = Field(None, max_length=60, description="Sub-region slug")
    year: int | None = Field(None, ge=1900, le=2100, description="A year the data covers")
    disaggregation: str | None = Field(None, max_length=20)
    form: str | None = Field(None, max_length=20, description="Form of exploitation")
    owner: str | None = Field(None, max_length=80, description="Owner organization slug")
    access: AccessCondition | None = None


class SlugPath(Schema):
    slug: str = Field(..., max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")


DatasetPage = _page(DatasetOut, "DatasetPage")


def _dataset(dataset):
    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "owner": dataset.owner.slug,
        "co_owners": [o.slug for o in dataset.co_owners.all()],
        "countries": [str(c.code) for c in dataset.countries.all()],
        "sub_regions": [r.slug for r in dataset.sub_regions.all()],
        "year_from": dataset.year_from,
        "year_to": dataset.year_to,
        "coverage": selectors.coverage_summary(dataset),
        "unit_of_record": dataset.unit_of_record,
        "variables": dataset.variables,
        "disaggregations": list(dataset.disaggregations),
        "forms": list(dataset.forms),
        "update_frequency": dataset.update_frequency,
        "standard": dataset.standard,
        "access": dataset.access,
        "legal_basis": dataset.legal_basis,
        "safeguards": dataset.safeguards,
        "contact_role": dataset.contact_role,
        "external_link": dataset.external_link,
        "source_document": dataset.source_document,
        "source_quote": dataset.source_quote,
    }


@router.get("", **contract(DatasetPage), summary="List datasets (metadata only)")
def dataset_list(request, filters: Query[DatasetFilters], page: Query[PageParams]):
    result = page_of(selectors.dataset_list(filters=filters.dict()), page)
    result["results"] = [_dataset(d) for d in result["results"]]
    return result


@router.get("/{slug}", **contract(DatasetOut, found=True), summary="A dataset's metadata")
def dataset_detail(request, path: Path[SlugPath]):
    dataset = selectors.dataset_detail(path.slug)
    if dataset is None:
        raise HttpError(404, _("No dataset has this address."))
    return _dataset(dataset)
