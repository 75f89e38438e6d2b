from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.platform.csv import csv_download
from network.platform.forms import filters_of
from network.platform.pagecache import cached_page
from network.platform.pagination import paginate
from network.platform.views import RAISE, form_saved, found_or_404, run_service

from . import selectors, services
from .forms import DecisionFilterForm, DecisionForm, TransitionForm

PAGE_SIZE = 25


def _filters(request):
    form = DecisionFilterForm(request.GET or None)
    return form, filters_of(form, only_given=True)


@cached_page(
    depends_on=["decisions", "members", "events"],
    perms=["decisions.record_decision"],
    variant=lambda request: selectors.restricted_ids_visible_to(request.user),
)
def decision_list(request):
    form, filters = _filters(request)
    page, page_error, query = paginate(
        request, selectors.decision_list(filters, user=request.user), PAGE_SIZE
    )
    return render(
        request,
        "decisions/decision_list.html",
        {
            "form": form,
            "page": page,
            "page_error": page_error,
            "query": query,
            "filtered": bool(filters),
            "can_record": request.user.has_perm("decisions.record_decision"),
        },
    )


def decision_export(request):
    _form, filters = _filters(request)
    rows = (
        [
            d.pk, d.get_kind_display(), d.text, d.get_status_display(),
            [o.name for o in d.responsible.all()], d.due or "",
            d.meeting.title if d.meeting else "", d.created_at.date(),
        ]
        for d in selectors.decision_list(filters, user=request.user)
    )  # fmt: skip
    header = ["id", "kind", "text", "status", "responsible", "due", "meeting", "recorded"]
    return csv_download("decisions.csv", header, rows)


def decision_detail(request, pk):
    decision = found_or_404(
        selectors.decision_detail(pk, user=request.user), _("No such decision or action point.")
    )
    can_change = request.user.has_perm("decisions.change_status", decision)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "form": TransitionForm(decision=decision) if can_change else None,
        },
    )


@login_required
@require_POST
def decision_transition(request, pk):
    decision = found_or_404(
        selectors.decision_detail(pk, user=request.user), _("No such decision or action point.")
    )
    if not request.user.has_perm("decisions.change_status", decision):
        raise PermissionDenied(_("Only the responsible organizations change its status."))
    form = TransitionForm(request.POST, decision=decision)
    if not form.is_valid():
        return render(
            request, "decisions/decision_detail.html", {"decision": decision, "form": form}
        )
    run_service(
        request,
        services.decision_transition,
        success=_("The status is now “%(status)s”.")
        % {"status": dict(form.fields["to_status"].choices)[form.cleaned_data["to_status"]]},
        on_denied=RAISE,
        decision=decision,
        by=request.user,
        to_status=form.cleaned_data["to_status"],
        note=form.cleaned_data["note"],
    )
    return redirect(decision)


@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request):
    # From minutes (?minutes=<pk>), their event's organizers record too; the service decides.
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"minutes": request.GET.get("minutes")},
    )
    minutes = selectors.minutes_for_recording(
        request.POST.get("minutes") or request.GET.get("minutes")
    )
    if not (
        request.user.has_perm("decisions.record_decision")
        or (minutes and request.user.has_perm("decisions.record_from_minutes", minutes))
    ):
        raise PermissionDenied(_("Only the secretariat records decisions."))
    recorded = form_saved(
        request,
        form,
        services.decision_record,
        success=_("Recorded."),
        on_denied=RAISE,
        to_fields=True,
    )
    if recorded:
        return redirect(recorded.result)
    return render(request, "decisions/decision_form.html", {"form": form, "minutes": minutes})
