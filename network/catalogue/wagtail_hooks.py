from django.template.loader import render_to_string
from wagtail import hooks

from . import selectors
from .forms import GapCitationForm

# At most this many datasets on a gap's or a country's page; the catalogue's filters find the rest.
PANEL_LIMIT = 10


def _rows(datasets):
    return [{"dataset": d, "summary": selectors.coverage_summary(d)} for d in datasets]


@hooks.register("gap_detail_panels")
def datasets_that_could_help(*, request, gap):
    """The datasets a gap cites as evidence, with a form for its organization's people to cite
    another, and the datasets covering its countries or sub-regions: evidence that may exist."""
    citations = list(selectors.gap_citations(gap))
    cited = {citation.dataset_id for citation in citations}
    could_help = [d for d in selectors.datasets_for_gap(gap)[:PANEL_LIMIT] if d.pk not in cited]
    can_cite = request.user.has_perm("gaps.change_gap", gap)
    if not (citations or could_help or can_cite):
        return ""
    return render_to_string(
        "catalogue/includes/gap_datasets.html",
        {
            "gap": gap,
            "citations": [
                {"citation": c, "summary": selectors.coverage_summary(c.dataset)} for c in citations
            ],
            "rows": _rows(could_help),
            "can_cite": can_cite,
            "form": GapCitationForm(initial={"gap": gap.pk}) if can_cite else None,
        },
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
            "rows": _rows(datasets),
        },
        request=request,
    )
