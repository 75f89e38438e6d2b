from django.template.loader import render_to_string
from wagtail import hooks

from . import selectors

# At most this many datasets on a gap's or a country's page; the catalogue's filters find the rest.
PANEL_LIMIT = 10


@hooks.register("gap_detail_panels")
def datasets_that_could_help(*, request, gap):
    """Datasets covering a gap's countries or sub-regions: evidence that may exist."""
    datasets = list(selectors.datasets_for_gap(gap)[:PANEL_LIMIT])
    if not datasets:
        return ""
    return render_to_string(
        "catalogue/includes/gap_datasets.html",
        {"rows": [{"dataset": d, "summary": selectors.coverage_summary(d)} for d in datasets]},
        request=request,
    )


@hooks.register("country_detail_panels")
def datasets_covering_country(*, request, country):
    """Datasets covering the country, directly or through its sub-region."""
    datasets = list(selectors.datasets_for_country(country)[:PANEL_LIMIT])
    if not datasets:
        return ""
    return render_to_string(
        "catalogue/includes/country_datasets.html",
        {
            "country": country,
            "rows": [{"dataset": d, "summary": selectors.coverage_summary(d)} for d in datasets],
        },
        request=request,
    )
