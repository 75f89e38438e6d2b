"""Shared reads for the gap register: filters, the heatmap, indicators. The register is
public: it holds descriptions of evidence, never case records."""

from collections import Counter, defaultdict

from django.db.models import Prefetch, Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from network.platform.cache import app_version, versioned
from network.platform.queries import filter_given

from .enums import Area, Disaggregation, GapStatus
from .fields import choice_list_has
from .models import Country, DataGap, GapStatusChange, GapTranslation, Indicator, SubRegion

GapCountry = DataGap.countries.through
GapSubRegion = DataGap.sub_regions.through


def _concerning_country(code):
    """Gaps naming the country, or naming the sub-region it belongs to."""
    return Q(pk__in=GapCountry.objects.filter(country__code=code).values("datagap_id")) | Q(
        pk__in=GapSubRegion.objects.filter(subregion__countries__code=code).values("datagap_id")
    )


def _concerning_sub_region(slug):
    """Gaps naming the sub-region, or any country in it."""
    return Q(pk__in=GapSubRegion.objects.filter(subregion__slug=slug).values("datagap_id")) | Q(
        pk__in=GapCountry.objects.filter(country__sub_region__slug=slug).values("datagap_id")
    )


def gap_filter(filters=None):
    """Gaps matching the register's filters (area, country, sub_region, form,
    disaggregation, status, severity); unknown keys and empty values are ignored."""
    filters = filters or {}
    gaps = filter_given(
        DataGap.objects.all(), filters, area="area", status="status", severity="severity"
    )
    if form := filters.get("form"):
        gaps = gaps.filter(**choice_list_has("forms", form))
    if disaggregation := filters.get("disaggregation"):
        gaps = gaps.filter(**choice_list_has("missing_disaggregations", disaggregation))
    if country := filters.get("country"):
        gaps = gaps.filter(_concerning_country(country))
    if sub_region := filters.get("sub_region"):
        gaps = gaps.filter(_concerning_sub_region(sub_region))
    return gaps


def gap_list(filters=None):
    """The register page's rows, with what each row shows fetched in a fixed number of
    queries."""
    return (
        gap_filter(filters)
        .select_related("reported_by")
        .prefetch_related(
            Prefetch("countries", queryset=Country.objects.order_by("code")),
            "sub_regions",
        )
    )


def register_rows(filters=None):
    """The register page's gaps; `with_places` adds what each row shows of its places."""
    return gap_filter(filters).select_related("reported_by")


def _places():
    """Every country and sub-region by id, kept until a write to gaps (51 and 8 rows): the
    register's rows take theirs from here instead of prefetching model rows for each row."""

    def compute():
        return (
            {country.pk: country for country in Country.objects.all()},
            {region.pk: region for region in SubRegion.objects.all()},
        )

    return versioned(app_version("gaps"), "places", compute, CHOICES_TIMEOUT)


def with_places(gaps):
    """`gaps` as a list, each with `region_list` (by name) and `country_list` (by code): two
    queries of ids (prefetching the rows cost three times as much on a page of 25)."""
    gaps = list(gaps)
    countries, regions = _places()
    ids = [gap.pk for gap in gaps]
    country_ids = list(
        GapCountry.objects.filter(datagap_id__in=ids).values_list("datagap_id", "country_id")
    )
    region_ids = list(
        GapSubRegion.objects.filter(datagap_id__in=ids).values_list("datagap_id", "subregion_id")
    )
    # A place added between this request's version read and these queries is read here.
    countries = _with_missing(countries, Country, {pk for _, pk in country_ids})
    regions = _with_missing(regions, SubRegion, {pk for _, pk in region_ids})
    named = {"country_list": defaultdict(list), "region_list": defaultdict(list)}
    for gap_id, country_id in country_ids:
        named["country_list"][gap_id].append(countries[country_id])
    for gap_id, region_id in region_ids:
        named["region_list"][gap_id].append(regions[region_id])
    for gap in gaps:
        gap.country_list = sorted(named["country_list"][gap.pk], key=lambda c: str(c.code))
        gap.region_list = sorted(named["region_list"][gap.pk], key=lambda r: r.name)
    return gaps


def _with_missing(kept, model, wanted):
    missing = wanted - kept.keys()
    if not missing:
        return kept
    return {**kept, **model.objects.in_bulk(missing)}


def gap_detail(pk):
    return (
        DataGap.objects.select_related("reported_by", "reported_by_user")
        .prefetch_related(
            Prefetch("countries", queryset=Country.objects.select_related("sub_region")),
            "sub_regions",
            "evidence",
            "indicators",
            "priorities",
            "publications",
            Prefetch("history", queryset=GapStatusChange.objects.select_related("by")),
            Prefetch("translations", queryset=GapTranslation.objects.select_related("translator")),
        )
        .filter(pk=pk)
        .first()
    )


# Filter choices change only with the register's countries and sub-regions: kept in the shared
# cache per language until a write to the gaps app, at most an hour.
CHOICES_TIMEOUT = 3600


def country_choices():
    def compute():
        names = [(str(c.code), str(c)) for c in Country.objects.all()]
        return sorted(names, key=lambda choice: choice[1].lower())

    return versioned(
        app_version("gaps"), f"country-choices:{get_language()}", compute, CHOICES_TIMEOUT
    )


def sub_region_choices():
    def compute():
        return list(SubRegion.objects.values_list("slug", "name"))

    return versioned(app_version("gaps"), "sub-region-choices", compute, CHOICES_TIMEOUT)


def heat_class(count):
    """The colour class of a heatmap cell (site.css: .heat-0 … .heat-4)."""
    if count == 0:
        return "heat-0"
    if count == 1:
        return "heat-1"
    if count <= 3:
        return "heat-2"
    if count <= 6:
        return "heat-3"
    return "heat-4"


HEAT_LEGEND = [
    ("heat-0", _("none")),
    ("heat-1", "1"),
    ("heat-2", _("2 to 3")),
    ("heat-3", _("4 to 6")),
    ("heat-4", _("7 or more")),
]


def heatmap(*, filters, view="area"):
    """Countries grouped by sub-region, by area (or by missing disaggregation): each cell
    counts the gaps matching the filters that concern the country, directly or through its
    sub-region. Four queries, whatever the number of gaps.

    Returns {"columns": [(value, label)], "groups": [(sub_region_name, [row])]} where a row
    is {"country": Country, "cells": [(value, count, class)], "total": int}.
    """
    gaps = gap_filter(filters)
    if view == "disaggregation":
        columns = list(Disaggregation.choices)
        keys_of = {
            pk: set(values) for pk, values in gaps.values_list("pk", "missing_disaggregations")
        }
    else:
        columns = list(Area.choices)
        keys_of = {pk: {area} for pk, area in gaps.values_list("pk", "area")}
    by_country = defaultdict(set)
    for gap_id, country_id in GapCountry.objects.filter(
        datagap_id__in=gaps.values("pk")
    ).values_list("datagap_id", "country_id"):
        by_country[country_id].add(gap_id)
    by_region = defaultdict(set)
    for gap_id, region_id in GapSubRegion.objects.filter(
        datagap_id__in=gaps.values("pk")
    ).values_list("datagap_id", "subregion_id"):
        by_region[region_id].add(gap_id)

    groups = defaultdict(list)
    other = gettext("Other countries")
    countries = Country.objects.select_related("sub_region")
    for country in sorted(countries, key=lambda c: str(c).lower()):
        ids = by_country[country.pk] | by_region.get(country.sub_region_id, set())
        counts = Counter(key for pk in ids for key in keys_of.get(pk, ()))
        cells = [(value, counts[value], heat_class(counts[value])) for value, _ in columns]
        region = country.sub_region.name if country.sub_region else other
        groups[region].append({"country": country, "cells": cells, "total": len(ids)})
    ordered = sorted(groups.items(), key=lambda item: (item[0] == other, item[0]))
    return {"columns": columns, "groups": ordered}


def indicator_list():
    return Indicator.objects.prefetch_related(
        Prefetch("gaps", queryset=DataGap.objects.only("pk", "title", "status"))
    )


DEFAULT_HEATMAP_STATUS = GapStatus.OPEN


def gap_addressed_by(*, user, gap):
    """What the user may see that addresses the gap: research projects, from the apps that
    claim gaps and register a `gap_addressed_by` hook (gaps import none of them)."""
    return [item for fn in hooks.get_hooks("gap_addressed_by") for item in fn(user=user, gap=gap)]


def desk_items(*, user, organizations):
    """For the desk: gaps the organizations reported that went stale. One query."""
    from network.desk.registry import DeskItem

    return [
        DeskItem(
            organization=gap.reported_by,
            kind=gettext("Stale gap"),
            title=gap.title,
            reason=gettext("Its evidence is out of date: review it or mark it filled."),
            url=gap.get_absolute_url(),
        )
        for gap in DataGap.objects.filter(
            reported_by__in=organizations, status=GapStatus.STALE
        ).select_related("reported_by")
    ]
