"""The country pages: the overview, data availability, a country's profile and its history,
and the profiles as CSV."""

from django.shortcuts import render
from wagtail import hooks

from network.gaps.models import Country
from network.platform.csv import csv_download
from network.platform.pagecache import cached_page

from .. import selectors


@cached_page(depends_on=["countries", "gaps", "projects", "members"])
def country_list(request):
    groups, versions = selectors.country_overview()
    return render(
        request,
        "countries/country_list.html",
        {
            "groups": groups,
            "figures": selectors.baseline_figures(versions),
            "countries_with_data": len(versions),
            "baseline_source": selectors.BASELINE_SOURCE,
            "baseline_period": selectors.BASELINE_PERIOD,
        },
    )


@cached_page(depends_on=["countries", "gaps"])
def data_availability(request):
    return render(
        request, "countries/data_availability.html", {"table": selectors.data_availability()}
    )


def _unknown(request, code):
    """A clear answer for a code the network does not cover, with the way back."""
    return render(request, "countries/unknown.html", {"code": code[:10]}, status=404)


def country_detail(request, code):
    detail = selectors.country_detail(code=code, user=request.user)
    if detail is None:
        return _unknown(request, code)
    # Panels other instruments add (the catalogue: datasets covering the country).
    detail["panels"] = [
        fn(request=request, country=detail["country"])
        for fn in hooks.get_hooks("country_detail_panels")
    ]
    return render(request, "countries/country_detail.html", detail)


def country_history(request, code):
    country = Country.objects.select_related("sub_region").filter(code=code.upper()).first()
    if country is None:
        return _unknown(request, code)
    return render(
        request,
        "countries/country_history.html",
        {"country": country, "history": selectors.profile_history(country)},
    )


def profile_export(request):
    """Every current profile as CSV: one row per country and field, with its source."""
    versions = selectors.current_versions()
    questions = selectors.question_specs()
    rows = []
    for country in Country.objects.order_by("code"):
        version = versions.get(country.pk)
        for row in selectors.profile_rows(version, questions):
            entry = row["entry"]
            rows.append(
                [
                    country.code,
                    country,
                    version.number,
                    row["key"],
                    row["value"],
                    entry.get("source_kind", ""),
                    entry.get("source_ref", ""),
                    entry.get("round", ""),
                    entry.get("answered_by", []),
                ]
            )
    header = ["iso", "country", "version", "field", "value", "source", "reference", "round",
              "answered by"]  # fmt: skip
    return csv_download("country-profiles.csv", header, rows)
