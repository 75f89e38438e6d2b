from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.gaps.models import DataGap
from network.platform.pagination import paginate
from network.platform.views import RAISE, TELL, form_saved, found_or_404, run_service
from projects.selectors import projects_visible_to

from . import selectors, services
from .enums import TRANSITIONS, AccessCondition, RequestAction
from .forms import (
    METADATA_ONLY,
    AccessRequestForm,
    DatasetFilterForm,
    DatasetForm,
    DecisionForm,
    GapCitationForm,
)
from .models import AccessRequest, Dataset, GapCitation

PER_PAGE = 20


def dataset_list(request):
    form = DatasetFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page, page_message, query = paginate(request, selectors.dataset_list(filters=filters), PER_PAGE)
    rows = [{"dataset": d, "summary": selectors.coverage_summary(d)} for d in page]
    return render(
        request,
        "catalogue/dataset_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "page_message": page_message,
            "query": query,
            "filtered": bool(filters and any(filters.values())),
            "can_describe": request.user.has_perm("catalogue.describe_dataset"),
        },
    )


def _dataset(slug):
    return found_or_404(selectors.dataset_detail(slug), _("No dataset has this address."))


def dataset_detail(request, slug):
    dataset = _dataset(slug)
    visible = projects_visible_to(request.user).values("pk")
    return render(
        request,
        "catalogue/dataset_detail.html",
        {
            "dataset": dataset,
            "summary": selectors.coverage_summary(dataset),
            "projects": dataset.projects.filter(pk__in=visible),
            "citations": selectors.citing_gaps(dataset),
            "can_change": request.user.has_perm("catalogue.change_dataset", dataset),
            "can_request": dataset.is_requestable
            and request.user.has_perm("catalogue.request_access"),
            "not_shareable": dataset.access == AccessCondition.NOT_SHAREABLE,
        },
    )


def _split(form):
    fields, relations = form.split()
    return {"fields": fields, "relations": relations}


def _dataset_form(request, *, dataset=None):
    form = DatasetForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=dataset,
        user=request.user,
        editing=dataset is not None,
    )
    if dataset is None:
        done = form_saved(
            request,
            form,
            services.dataset_create,
            success=_("The dataset is in the catalogue."),
            on_denied=TELL,
            to_fields=True,
            data=lambda form: {"owner": form.cleaned_data["owner"], **_split(form)},
        )
    else:
        done = form_saved(
            request,
            form,
            services.dataset_update,
            success=_("The dataset's description is saved."),
            on_denied=RAISE,
            to_fields=True,
            data=lambda form: {"dataset": Dataset.objects.get(pk=dataset.pk), **_split(form)},
        )
    if done:
        return redirect(done.result.get_absolute_url())
    return render(
        request,
        "catalogue/dataset_form.html",
        {"form": form, "dataset": dataset, "metadata_only": METADATA_ONLY},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dataset_create(request):
    if not request.user.has_perm("catalogue.describe_dataset"):
        raise PermissionDenied(_("Only people of member organizations describe datasets."))
    return _dataset_form(request)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dataset_edit(request, slug):
    dataset = _dataset(slug)
    if not request.user.has_perm("catalogue.change_dataset", dataset):
        raise PermissionDenied(_("Only the owning organizations' people change this dataset."))
    return _dataset_form(request, dataset=dataset)


@login_required
def request_create(request, slug):
    dataset = _dataset(slug)
    if not request.user.has_perm("catalogue.request_access"):
        raise PermissionDenied(_("Only people of member organizations ask for access."))
    form = AccessRequestForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=request.user,
    )
    done = form_saved(
        request,
        form,
        services.access_request_create,
        success=_("Your request is sent to the owning organization."),
        on_denied=TELL,
        to_fields=True,
        dataset=dataset,
    )
    if done:
        return redirect(done.result.get_absolute_url())
    return render(
        request,
        "catalogue/request_form.html",
        {
            "form": form,
            "dataset": dataset,
            "not_shareable": dataset.access == AccessCondition.NOT_SHAREABLE,
            "is_open": dataset.access == AccessCondition.OPEN,
        },
        status=400 if form.errors else 200,
    )


@login_required
def request_list(request):
    page, page_message, query = paginate(
        request, selectors.requests_visible_to(request.user), PER_PAGE
    )
    return render(
        request,
        "catalogue/request_list.html",
        {"page": page, "page_message": page_message, "query": query},
    )


def _visible_request(request, pk):
    access_request = get_object_or_404(
        AccessRequest.objects.select_related(
            "dataset", "dataset__owner", "organization", "requested_by", "project"
        ),
        pk=pk,
    )
    # Whoever may not see it learns nothing, not even that it exists.
    if not request.user.has_perm("catalogue.view_request", access_request):
        raise Http404(_("No request has this address."))
    return access_request


@login_required
def request_detail(request, pk):
    access_request = _visible_request(request, pk)
    can_decide = request.user.has_perm("catalogue.decide_request", access_request)
    can_answer = request.user.has_perm("catalogue.answer_request", access_request)
    # The owners' steps open from this status, in the order an owner takes them.
    steps = [
        action
        for action, sources in TRANSITIONS.items()
        if action != RequestAction.ANSWERED and access_request.status in sources
    ]
    return render(
        request,
        "catalogue/request_detail.html",
        {
            "access_request": access_request,
            "log": selectors.request_log(access_request),
            "can_decide": can_decide and bool(steps),
            "can_answer": can_answer,
            "steps": steps,
            "can_approve": RequestAction.APPROVED in steps,
            "form": DecisionForm(),
            "actions": RequestAction,
        },
    )


@login_required
@require_POST
def request_advance(request, pk):
    access_request = _visible_request(request, pk)
    user = request.user
    if not (
        user.has_perm("catalogue.decide_request", access_request)
        or user.has_perm("catalogue.answer_request", access_request)
    ):
        raise PermissionDenied(_("Only the two organizations take steps on a request."))
    form = DecisionForm(request.POST, request.FILES if request.method == "POST" else None)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(access_request.get_absolute_url())
    run_service(
        request,
        services.access_request_advance,
        success=_("Recorded."),
        on_denied=RAISE,
        by=request.user,
        access_request=access_request,
        **form.cleaned_data,
    )
    return redirect(access_request.get_absolute_url())


def _gap_or_404(pk):
    return found_or_404(DataGap.objects.filter(pk=pk).first(), _("No such data gap."))


@login_required
@require_POST
def citation_create(request):
    """POST from a gap's page: cite a dataset as evidence on the gap."""
    form = GapCitationForm(request.POST, request.FILES if request.method == "POST" else None)
    if not form.is_valid():
        gap_pk = form.cleaned_data.get("gap") if "gap" not in form.errors else None
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        if gap_pk is None:
            return redirect("catalogue:list")
        return redirect(_gap_or_404(gap_pk).get_absolute_url())
    gap = _gap_or_404(form.cleaned_data["gap"])
    run_service(
        request,
        services.gap_citation_create,
        success=_("The gap now cites “%(title)s” as evidence.")
        % {"title": form.cleaned_data["dataset"].title},
        on_denied=RAISE,
        by=request.user,
        gap=gap,
        dataset=form.cleaned_data["dataset"],
        note=form.cleaned_data["note"],
    )
    return redirect(gap.get_absolute_url())


@login_required
@require_POST
def citation_delete(request, pk):
    """POST from a gap's page: withdraw a citation."""
    citation = get_object_or_404(GapCitation.objects.select_related("gap", "dataset"), pk=pk)
    run_service(
        request,
        services.gap_citation_delete,
        success=_("The citation of “%(title)s” is withdrawn.") % {"title": citation.dataset.title},
        on_denied=RAISE,
        by=request.user,
        citation=citation,
    )
    return redirect(citation.gap.get_absolute_url())
