"""The organizers' pages: participants, their CSV, email to them, and outputs."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from network.platform.csv import csv_download
from network.platform.messages import form_errors_text
from network.platform.views import RAISE, run_service

from .. import selectors, services
from ..enums import RegistrationStatus
from ..forms import (
    DecisionForm,
    EmailParticipantsForm,
    OutputForm,
    OutputStatusForm,
)
from .common import (
    _require_manager,
    _sub,
)


def manage_participants(request, page):
    if refusal := _require_manager(request, page):
        return refusal
    if request.method == "POST":
        form = DecisionForm(request.POST, event=page)
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            decided = run_service(
                request,
                services.registration_decide,
                success=lambda counts: (
                    _("%(count)s confirmed.") % {"count": counts["confirmed"]}
                    if accept
                    else _("%(count)s declined.") % {"count": counts["declined"]}
                ),
                on_denied=RAISE,
                event=page,
                registration_ids=[r.pk for r in form.cleaned_data["registrations"]],
                accept=accept,
                by=request.user,
            )
            if decided and accept and decided.result["waitlisted"]:
                messages.warning(
                    request,
                    _(
                        "The event is full: %(count)s put on the waiting list instead. "
                        "Raise the capacity to confirm them."
                    )
                    % {"count": decided.result["waitlisted"]},
                )
        else:
            messages.error(request, form_errors_text(form))
        return redirect(_sub(page, request, "manage"))
    registrations = list(selectors.registrations_for_organizers(page))
    by_country = {}
    for registration in registrations:
        if registration.status == RegistrationStatus.CONFIRMED:
            country = registration.organization.headquarters_country
            key = country.name if country else _("Country not given")
            by_country[key] = by_country.get(key, 0) + 1
    return TemplateResponse(
        request,
        "events/manage_participants.html",
        {
            "page": page,
            "registrations": registrations,
            "by_country": sorted(by_country.items()),
            "counts": selectors.registration_counts(page),
            "csv_url": _sub(page, request, "manage_csv"),
            "email_url": _sub(page, request, "manage_email"),
            "outputs_url": _sub(page, request, "manage_outputs"),
        },
    )


def manage_csv(request, page):
    if refusal := _require_manager(request, page):
        return refusal
    questions = [q.label for q in page.questions.all()]
    header = ["Name", "Email", "Organization", "Country", "Status", "Registered at", *questions]
    rows = (
        [
            r.user.name,
            r.user.email,
            r.organization.name,
            r.organization.headquarters_country.code if r.organization.headquarters_country else "",
            r.get_status_display(),
            r.created_at.isoformat(timespec="seconds"),
            *[r.answers.get(label, "") for label in questions],
        ]
        for r in selectors.registrations_for_organizers(page)
    )
    return csv_download(f"{page.slug}-participants.csv", header, rows)


def manage_email(request, page):
    if refusal := _require_manager(request, page):
        return refusal
    form = EmailParticipantsForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.event_email_participants,
            success=lambda sent: (
                _("Your message is on its way to %(count)s participant(s).") % {"count": sent}
            ),
            on_denied=RAISE,
            form=form,
            event=page,
            by=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect(_sub(page, request, "manage"))
    return TemplateResponse(
        request,
        "events/manage_email.html",
        {
            "page": page,
            "form": form,
            "counts": selectors.registration_counts(page),
            "manage_url": _sub(page, request, "manage"),
        },
    )


def manage_outputs(request, page):
    if refusal := _require_manager(request, page):
        return refusal
    form = OutputForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.output_add,
            success=lambda output: (
                _("“%(title)s” is added to the event's outputs.") % {"title": output.title}
            ),
            on_denied=RAISE,
            form=form,
            to_fields=True,
            event=page,
            by=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect(_sub(page, request, "manage_outputs"))
    outputs = selectors.outputs(page)
    return TemplateResponse(
        request,
        "events/manage_outputs.html",
        {
            "page": page,
            "form": form,
            "outputs": [
                (output, _sub(page, request, "manage_output_status", pk=output.pk))
                for output in outputs
            ],
            "manage_url": _sub(page, request, "manage"),
            "minutes_new_url": _sub(page, request, "minutes_new"),
        },
        status=400 if form.errors else 200,
    )


def manage_output_status(request, page, pk):
    if refusal := _require_manager(request, page):
        return refusal
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    output = get_object_or_404(page.outputs, pk=pk)
    form = OutputStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose draft, agreed or final."))
    else:
        run_service(
            request,
            services.output_transition,
            success=lambda output: (
                _("“%(title)s” is now %(status)s.")
                % {"title": output.title, "status": output.get_minutes_status_display().lower()}
            ),
            on_denied=RAISE,
            output=output,
            to=form.cleaned_data["to"],
            by=request.user,
        )
    return redirect(_sub(page, request, "manage_outputs"))
