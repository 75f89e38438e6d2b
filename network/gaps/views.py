from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from wagtail import hooks

from members.models import Organization
from network.discussions.selectors import room_for
from network.discussions.views import open_network_room
from network.platform.csv import csv_download
from network.platform.forms import filters_of
from network.platform.languages import translation_for_reader
from network.platform.pagecache import cached_page
from network.platform.pagination import paginate
from network.platform.views import (
    RAISE,
    form_saved,
    found_or_404,
    require_perm,
    run_service,
    translation_views,
)

from . import selectors, services
from .enums import Area, Disaggregation, ExploitationForm, GapStatus
from .forms import (
    EvidenceForm,
    GapFilterForm,
    GapForm,
    GapTransitionForm,
    GapTranslationForm,
    HeatmapFilterForm,
    member_organizations_of,
)

PAGE_SIZE = 25


def _gap(pk):
    """The gap with all its page shows, or 404."""
    return found_or_404(selectors.gap_detail(pk), gettext("No such data gap."))


def _gap_to_change(request, pk):
    """The gap, for those who may change it (403 for others)."""
    gap = _gap(pk)
    require_perm(request, "gaps.change_gap", gap)
    return gap


def _choices():
    return {
        "area_choices": Area.choices,
        "form_choices": ExploitationForm.choices,
        "disaggregation_choices": Disaggregation.choices,
    }


@cached_page(depends_on=["gaps", "members", "projects", "agenda"], perms=["gaps.report_gap"])
def gap_list(request):
    form = GapFilterForm(request.GET or None)
    filters = filters_of(form, only_given=True)
    page, page_error, query = paginate(request, selectors.register_rows(filters), PAGE_SIZE)
    page.object_list = selectors.with_places(page.object_list)
    return render(
        request,
        "gaps/gap_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": bool(filters),
            "page_error": page_error,
            "can_report": request.user.has_perm("gaps.report_gap"),
            **_choices(),
        },
    )


def gap_export(request):
    """The filtered register as CSV (all matching rows, not one page)."""
    filters = filters_of(GapFilterForm(request.GET or None), only_given=True)
    header = [
        "id",
        "title",
        "area",
        "status",
        "severity",
        "countries",
        "sub-regions",
        "forms of exploitation",
        "missing disaggregations",
        "why it is empty",
        "reported by",
        "horizon",
        "url",
    ]
    forms_names, dis_names = dict(ExploitationForm.choices), dict(Disaggregation.choices)
    rows = (
        [
            gap.pk,
            gap.title,
            gap.get_area_display(),
            gap.get_status_display(),
            gap.get_severity_display(),
            "; ".join(str(c.code) for c in gap.countries.all()),
            "; ".join(r.name for r in gap.sub_regions.all()),
            "; ".join(str(forms_names[f]) for f in gap.forms),
            "; ".join(str(dis_names[d]) for d in gap.missing_disaggregations),
            gap.get_empty_reason_display(),
            gap.reported_by.name,
            gap.horizon.isoformat() if gap.horizon else "",
            request.build_absolute_uri(gap.get_absolute_url()),
        ]
        for gap in selectors.gap_list(filters).order_by("pk")
    )
    return csv_download("data-gaps.csv", header, rows)


def gap_detail(request, pk):
    gap = _gap(pk)
    can_change = request.user.has_perm("gaps.change_gap", gap)
    translation = translation_for_reader(gap)
    return render(
        request,
        "gaps/gap_detail.html",
        {
            "gap": gap,
            "translation": translation,
            "can_translate": request.user.has_perm("gaps.translate_gap", gap),
            "translation_edit_url": reverse(
                "gaps:translation_edit", args=[gap.pk, translation.language]
            )
            if translation and request.user.has_perm("gaps.change_gap_translation", translation)
            else None,
            "projects": selectors.gap_addressed_by(user=request.user, gap=gap),
            # Panels other instruments add (countries: proposed changes from update rounds).
            "panels": [fn(request=request, gap=gap) for fn in hooks.get_hooks("gap_detail_panels")],
            "discussion_room": room_for(gap),
            "discussion_url": reverse("gaps:discussion", args=[gap.pk]),
            "can_change": can_change,
            "transition_form": GapTransitionForm(gap=gap) if can_change else None,
            "evidence_form": EvidenceForm() if can_change else None,
            **_choices(),
        },
    )


gap_translate, gap_translation_edit = translation_views(
    find=_gap,
    original_as="gap",
    form_class=GapTranslationForm,
    body="description",
    show_title=False,
    add=services.gap_translation_add,
    add_perm="gaps.translate_gap",
    edit=services.gap_translation_edit,
    edit_perm="gaps.change_gap_translation",
)


@login_required
@require_POST
def gap_discussion(request, pk):
    gap = _gap(pk)
    return open_network_room(request, target=gap, title=f"Data gap: {gap.title}")


@login_required
@require_POST
def gap_move(request, pk):
    gap = _gap_to_change(request, pk)
    form = GapTransitionForm(request.POST, gap=gap)
    if not form.is_valid():
        messages.error(request, gettext("Choose one of the statuses this gap can move to."))
        return redirect(gap)
    label = GapStatus(form.cleaned_data["to_status"]).label
    run_service(
        request,
        services.gap_transition,
        success=gettext("The gap is now “%(status)s”.") % {"status": label},
        on_denied=RAISE,
        gap=gap,
        to_status=form.cleaned_data["to_status"],
        by=request.user,
        reason=form.cleaned_data["reason"],
    )
    return redirect(gap)


@login_required
@require_POST
def gap_add_evidence(request, pk):
    gap = _gap_to_change(request, pk)
    form = EvidenceForm(request.POST)
    if not form.is_valid() or not form.evidence():
        messages.error(request, gettext("Give the source a title (and a valid link, if any)."))
        return redirect(gap)
    run_service(
        request,
        services.gap_evidence_add,
        success=gettext("The source is cited."),
        on_denied=RAISE,
        gap=gap,
        by=request.user,
        **form.evidence()[0],
    )
    return redirect(gap)


def _organizations_for(user):
    if user.has_perm("gaps.report_for_any_organization"):
        return Organization.objects.members().order_by("name")
    return member_organizations_of(user)


def _gap_data(form, *, without=()):
    """GapForm's fields as the gap services take them (its forms of exploitation are their
    `forms`), but for those `without`."""
    data = {name: value for name, value in form.cleaned_data.items() if name not in without}
    data["forms"] = data.pop("exploitation_forms")
    return data


def _gap_form_response(request, *, form, evidence_form, gap=None):
    return render(
        request,
        "gaps/gap_form.html",
        {"form": form, "evidence_form": evidence_form, "gap": gap},
    )


@login_required
def gap_report(request):
    require_perm(request, "gaps.report_gap")
    organizations = _organizations_for(request.user)
    form = GapForm(request.POST if request.method == "POST" else None, organizations=organizations)
    evidence_form = EvidenceForm(request.POST if request.method == "POST" else None)
    try:
        reported = evidence_form.is_valid() and form_saved(
            request,
            form,
            services.gap_report,
            success=gettext("The gap is in the register. Thank you."),
            on_denied=RAISE,
            to_fields=True,
            data=lambda form: {**_gap_data(form), "evidence": evidence_form.evidence()},
        )
    except PermissionDenied as error:
        # Refused for the organization chosen: said next to it.
        form.add_error("organization", str(error))
    else:
        if reported:
            return redirect(reported.result)
    return _gap_form_response(request, form=form, evidence_form=evidence_form)


@login_required
def gap_edit(request, pk):
    gap = _gap_to_change(request, pk)
    initial = {
        "organization": gap.reported_by,
        "title": gap.title,
        "description": gap.description,
        "language": gap.language,
        "area": gap.area,
        "countries": list(gap.countries.all()),
        "sub_regions": list(gap.sub_regions.all()),
        "exploitation_forms": gap.forms,
        "missing_disaggregations": gap.missing_disaggregations,
        "empty_reason": gap.empty_reason,
        "severity": gap.severity,
        "horizon": gap.horizon,
    }
    form = GapForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organizations=Organization.objects.filter(pk=gap.reported_by_id),
        keep_horizon=gap.horizon,
    )
    if form_saved(
        request,
        form,
        services.gap_update,
        success=gettext("The gap is saved."),
        on_denied=RAISE,
        data=lambda form: _gap_data(form, without=("organization",)),
        gap=gap,
    ):
        return redirect(reverse("gaps:detail", args=[gap.pk]))
    return _gap_form_response(request, form=form, evidence_form=None, gap=gap)


def heatmap(request):
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = GapStatus.OPEN
    form = HeatmapFilterForm(data)
    filters = filters_of(form, only_given=True)
    view = filters.pop("view", "area")
    table = selectors.heatmap(filters=filters, view=view)
    return render(
        request,
        "gaps/heatmap.html",
        {
            "form": form,
            "table": table,
            "view": view,
            "column_key": "disaggregation" if view == "disaggregation" else "area",
            "base_query": urlencode(filters),
            "legend": selectors.HEAT_LEGEND,
            # Views of other instruments (countries: data availability from the profiles).
            "other_views": [view for fn in hooks.get_hooks("heatmap_views") for view in fn()],
            "status_label": GapStatus(filters["status"]).label.lower()
            if filters.get("status")
            else "",
        },
    )


def indicator_list(request):
    return render(
        request,
        "gaps/indicator_list.html",
        {"indicators": selectors.indicator_list(), **_choices()},
    )
