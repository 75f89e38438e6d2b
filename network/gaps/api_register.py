"""API: the gap register and indicators — read with the register's filters, report a gap
with a personal token. (Countries live in api.py.)"""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from pydantic import Field

from members.models import Organization
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
from .enums import Area, Disaggregation, EmptyReason, ExploitationForm, GapStatus, Severity
from .fields import choice_list_has
from .models import Country, SubRegion

gaps_router = Router()
indicators_router = Router()


class GapOut(Schema):
    id: int
    title: str
    description: str
    language: str = Field(description="Language the text is written in (a language code)")
    area: str
    countries: list[str]
    sub_regions: list[str] = Field(description="Sub-region slugs")
    forms: list[str]
    missing_disaggregations: list[str]
    empty_reason: str
    severity: str
    status: str
    reported_by: str = Field(description="Organization slug")
    horizon: date | None
    url: str
    created_at: datetime


class GapFilters(Schema):
    area: Area | None = None
    country: str | None = Field(None, pattern=COUNTRY, description="ISO 3166 code")
    sub_region: str | None = Field(None, max_length=60, description="Sub-region slug")
    form: ExploitationForm | None = None
    disaggregation: Disaggregation | None = None
    status: GapStatus | None = None
    severity: Severity | None = None


class EvidenceIn(InputSchema):
    title: str = Field(min_length=1, max_length=300)
    url: str = Field("", max_length=200)
    description: str = Field("", max_length=2000)
    people_count: int | None = Field(None, ge=0, le=2_000_000_000)


class GapIn(InputSchema):
    organization: str = Field(
        min_length=1, max_length=80, description="Slug of your member organization"
    )
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=5000)
    area: Area
    empty_reason: EmptyReason
    severity: Severity = Severity.MEDIUM
    countries: list[Annotated[str, Field(pattern=COUNTRY)]] = Field(
        default_factory=list, max_length=100, description="ISO 3166 codes"
    )
    sub_regions: list[str] = Field(default_factory=list, max_length=50)
    forms: list[ExploitationForm] = Field(default_factory=list, max_length=20)
    missing_disaggregations: list[Disaggregation] = Field(default_factory=list, max_length=20)
    horizon: date | None = None
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=10)


class IndicatorOut(Schema):
    id: int
    name: str
    definition: str
    unit: str
    disaggregations: list[str]
    data_sources: str
    gaps: list[int]


class IndicatorFilters(Schema):
    disaggregation: Disaggregation | None = None
    gap: int | None = Field(None, ge=1, le=2_147_483_647, description="Gap id")


GapPage = _page(GapOut, "GapPage")
IndicatorPage = _page(IndicatorOut, "IndicatorPage")


def _gap(request, gap):
    return {
        "id": gap.pk,
        **fields_of(gap, "title", "description", "language", "area"),
        "countries": [str(c.code) for c in gap.countries.all()],
        "sub_regions": sorted(s.slug for s in gap.sub_regions.all()),
        "forms": list(gap.forms),
        "missing_disaggregations": list(gap.missing_disaggregations),
        **fields_of(gap, "empty_reason", "severity", "status"),
        "reported_by": gap.reported_by.slug,
        "horizon": gap.horizon,
        "url": request.build_absolute_uri(gap.get_absolute_url()),
        "created_at": gap.created_at,
    }


@gaps_router.get("", **contract(GapPage), summary="List data gaps")
def gap_list(request, filters: Query[GapFilters], page: Query[PageParams]):
    """The same filters as /gaps/. The register is public."""
    return page_of(
        selectors.gap_list(filter_values(filters, only_given=True)),
        page,
        item=lambda g: _gap(request, g),
    )


@gaps_router.get("/export.csv", summary="Data gaps as CSV", **contract(csv=True))
def gap_export(request, filters: Query[GapFilters]):
    gaps = selectors.gap_list(filter_values(filters, only_given=True))
    return export_of(gaps, list(GapOut.model_fields), "gaps.csv", item=lambda g: _gap(request, g))


@gaps_router.get("/{int:pk}", **contract(GapOut, found=True), summary="One data gap")
def gap_detail(request, pk: int):
    gap = found_or_404(selectors.gap_list().filter(pk=pk).first(), gettext("No such data gap."))
    return _gap(request, gap)


def _lookup(model, field, values, name, errors):
    found = {str(getattr(o, field)): o for o in model.objects.filter(**{f"{field}__in": values})}
    missing = [v for v in values if v not in found]
    if missing:
        errors[name] = gettext("Unknown: %(values)s.") % {"values": ", ".join(missing)}
    return [found[v] for v in values if v in found]


@gaps_router.post("", **contract(GapOut, status=201, write=True), summary="Report a data gap")
def gap_report(request, payload: GapIn):
    """Needs a token. The same rules as /gaps/report/: a member of an admitted organization
    reports for that organization."""
    user = request.auth
    if not user.has_perm("gaps.report_gap"):
        raise PermissionDenied(gettext("Only people from member organizations report gaps."))
    data = payload.dict()
    errors = {}
    organization = Organization.objects.members().filter(slug=data.pop("organization")).first()
    if organization is None:
        errors["organization"] = gettext("No such member organization.")
    codes = list(dict.fromkeys(c.upper() for c in data.pop("countries")))
    countries = _lookup(Country, "code", codes, "countries", errors)
    slugs = list(dict.fromkeys(data.pop("sub_regions")))
    sub_regions = _lookup(SubRegion, "slug", slugs, "sub_regions", errors)
    if not codes and not slugs:
        errors["countries"] = gettext("Name at least one country or sub-region.")
    if errors:
        raise ValidationError(errors)
    data["forms"] = [str(f.value if hasattr(f, "value") else f) for f in data["forms"]]
    data["missing_disaggregations"] = [
        str(d.value if hasattr(d, "value") else d) for d in data["missing_disaggregations"]
    ]
    for key in ("area", "empty_reason", "severity"):
        data[key] = str(data[key].value if hasattr(data[key], "value") else data[key])
    gap = services.gap_report(
        by=user,
        organization=organization,
        countries=countries,
        sub_regions=sub_regions,
        **data,
    )
    return Status(201, _gap(request, selectors.gap_list().get(pk=gap.pk)))


def _indicators(filters):
    indicators = selectors.indicator_list().order_by("name")
    if filters.disaggregation:
        indicators = indicators.filter(
            **choice_list_has("disaggregations", str(filters.disaggregation.value))
        )
    if filters.gap:
        indicators = indicators.filter(gaps=filters.gap)
    return indicators


def _indicator(indicator):
    return {
        "id": indicator.pk,
        **fields_of(indicator, "name", "definition", "unit"),
        "disaggregations": list(indicator.disaggregations),
        "data_sources": indicator.data_sources,
        "gaps": sorted(g.pk for g in indicator.gaps.all()),
    }


@indicators_router.get("", **contract(IndicatorPage), summary="List indicators")
def indicator_list(request, filters: Query[IndicatorFilters], page: Query[PageParams]):
    return page_of(_indicators(filters), page, item=_indicator)


@indicators_router.get("/export.csv", summary="Indicators as CSV", **contract(csv=True))
def indicator_export(request, filters: Query[IndicatorFilters]):
    return export_of(
        _indicators(filters), list(IndicatorOut.model_fields), "indicators.csv", item=_indicator
    )
