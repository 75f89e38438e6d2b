"""Reports of messages: the form a reader sends, and the moderation page where the room's
moderators and the secretariat decide on them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from network.platform.pagination import paginate
from network.platform.views import RAISE, require_perm, run_service

from .. import selectors, services
from ..forms import ReportForm, ReportResolveForm
from ..models import MessageReport
from .common import _in_topic, _message, _room

REPORTS_PER_PAGE = 30


@login_required
def message_report(request, slug, message_id):
    """A reader reports a message to the room's moderators; once, and never their own."""
    room = _room(request, slug)
    message = _message(room, message_id)
    require_perm(request, "discussions.report_message", message)
    back = _in_topic(message)
    already = MessageReport.objects.filter(message=message, reporter=request.user).exists()
    form = ReportForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.message_report_create,
            success=gettext(
                "Thank you: the message is reported. The room's moderators will look at it."
            ),
            on_denied=RAISE,
            form=form,
            to_fields=True,
            message=message,
            reporter=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect(back)
    return render(
        request,
        "discussions/report_form.html",
        {"room": room, "message": message, "form": form, "already": already, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
def report_list(request):
    """The open reports of the rooms the person moderates."""
    require_perm(request, "discussions.view_reports")
    page, page_error, query = paginate(
        request, selectors.open_reports(user=request.user), REPORTS_PER_PAGE
    )
    return render(
        request,
        "discussions/report_list.html",
        {"page": page, "page_error": page_error, "query": query},
    )


@login_required
def report_detail(request, report_id):
    """One report, the message and its other reports; its moderators decide here."""
    report = (
        MessageReport.objects.select_related(
            "message__room", "message__topic", "message__author", "reporter", "resolved_by"
        )
        .filter(pk=report_id)
        .first()
    )
    # Invisible to anybody who may not handle it: even that a report exists.
    if report is None or not request.user.has_perm("discussions.handle_report", report):
        raise Http404(gettext("No such report."))
    form = ReportResolveForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.message_report_resolve,
            success=lambda done: (
                gettext("The message is hidden; its reports are resolved.")
                if form.cleaned_data["decision"] == ReportResolveForm.HIDE
                else gettext("The reports are dismissed; the message stays.")
            ),
            on_denied=RAISE,
            form=form,
            to_fields=True,
            report=report,
            by=request.user,
            hide=form.cleaned_data["decision"] == ReportResolveForm.HIDE,
            note=form.cleaned_data["note"],
        )
    ):
        return redirect("discussions:reports")
    return render(
        request,
        "discussions/report_detail.html",
        {
            "report": report,
            "message": report.message,
            "room": report.message.room,
            "reports": selectors.reports_of(report.message),
            "form": form if report.is_open or form.errors else None,
        },
        status=400 if form.errors else 200,
    )
