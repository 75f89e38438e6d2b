"""API: the countries the network covers, with their sub-regions."""

from ninja import Query, Router, Schema
from pydantic import Field

from network.platform.api import PageParams, contract, csv_response, page_of
from network.platform.api import page_schema as _page

from .models import Country

router = Router()


class CountryOut(Schema):
    code: str
    name: str
    study_name: str
    sub_region: str | None
    sub_region_name: str | None


class CountryFilters(Schema):
    sub_region: str | None = Field(None, max_length=60, description="Sub-region slug")


CountryPage = _page(CountryOut, "CountryPage")


def _countries(filters):
    countries = Country.objects.select_related("sub_region").order_by("code")
    if filters.sub_region:
        countries = countries.filter(sub_region__slug=filters.sub_region)
    return countries


def _country(country):
    return {
        "code": str(country.code),
        "name": country.code.name,
        "study_name": country.study_name,
        "sub_region": country.sub_region.slug if country.sub_region else None,
        "sub_region_name": country.sub_region.name if country.sub_region else None,
    }


@router.get("", **contract(CountryPage), summary="List countries with their sub-region")
def country_list(request, filters: Query[CountryFilters], page: Query[PageParams]):
    return page_of(_countries(filters), page, item=_country)


@router.get("/export.csv", summary="Countries as CSV", **contract(csv=True))
def country_export(request, filters: Query[CountryFilters]):
    rows = (_country(c) for c in _countries(filters))
    return csv_response(rows, list(CountryOut.model_fields), "countries.csv")
