"""API: the data catalogue's public metadata, with the catalogue's filters. Access requests
are not public: `/datasets/requests` answers only a personal token, with the requests of the
token owner's organizations (made or received), as the site's /data/requests/ does."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field

from network.platform.api import (
    PageParams,
    contract,
    fields_of,
    found_or_404,
    page_of,
    require_token,
)
from network.platform.api import page_schema as _page

from . import selectors
from .enums import AccessCondition, RequestStatus

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
        **fields_of(dataset, "slug", "title", "description"),
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
        **fields_of(
            dataset,
            "update_frequency",
            "standard",
            "access",
            "legal_basis",
            "safeguards",
            "contact_role",
            "external_link",
            "source_document",
            "source_quote",
        ),
    }


@router.get("", **contract(DatasetPage), summary="List datasets (metadata only)")
def dataset_list(request, filters: Query[DatasetFilters], page: Query[PageParams]):
    return page_of(selectors.dataset_list(filters=filters.dict()), page, item=_dataset)


class RequestStepOut(Schema):
    action: str
    at: datetime
    organization: str | None = Field(
        description="The requesting organization's slug when it took the step; the owners' "
        "steps carry none"
    )
    note: str


class RequestOut(Schema):
    id: int
    dataset: str = Field(description="The dataset's slug")
    owner: str
    organization: str = Field(description="The requesting organization's slug")
    status: str
    purpose: str
    project: str | None = Field(description="The project's slug, if the request serves one")
    variables_needed: str
    coverage_needed: str
    storage: str
    retention: str
    conditions: str
    starts_on: date | None
    ends_on: date | None
    created_at: datetime
    log: list[RequestStepOut] = Field(description="The audit log, oldest first")


class RequestFilters(Schema):
    status: RequestStatus | None = None
    dataset: str | None = Field(None, max_length=80, description="Dataset slug")


RequestPage = _page(RequestOut, "RequestPage")


def _request(access_request):
    return {
        "id": access_request.pk,
        "dataset": access_request.dataset.slug,
        "owner": access_request.dataset.owner.slug,
        "organization": access_request.organization.slug,
        "status": access_request.status,
        "purpose": access_request.purpose,
        "project": access_request.project.slug if access_request.project else None,
        **fields_of(
            access_request,
            "variables_needed",
            "coverage_needed",
            "storage",
            "retention",
            "conditions",
            "starts_on",
            "ends_on",
            "created_at",
        ),
        "log": [
            {
                "action": step.action,
                "at": step.at,
                "organization": step.organization.slug if step.organization else None,
                "note": step.note,
            }
            for step in access_request.events.all()
        ],
    }


@router.get(
    "/requests",
    **contract(RequestPage, private=True),
    summary="Access requests of your organizations (needs a token)",
)
def request_list(request, filters: Query[RequestFilters], page: Query[PageParams]):
    """The requests the token owner's organizations made or received, newest first; staff
    see all. Never public."""
    user = require_token(request)
    requests = selectors.requests_visible_to(user).select_related("project")
    requests = requests.prefetch_related("events__organization")
    if filters.status:
        requests = requests.filter(status=filters.status)
    if filters.dataset:
        requests = requests.filter(dataset__slug=filters.dataset)
    return page_of(requests, page, item=_request)


@router.get("/{slug}", **contract(DatasetOut, found=True), summary="A dataset's metadata")
def dataset_detail(request, path: Path[SlugPath]):
    dataset = found_or_404(selectors.dataset_detail(path.slug), _("No dataset has this address."))
    return _dataset(dataset)
