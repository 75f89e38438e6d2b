"""Minutes drafted here: their page (with sign-off), and the organizers' draft, revise,
circulate and publish."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.discussions.markdown import render as render_markdown
from network.platform.messages import form_errors_text
from network.platform.views import RAISE, TELL, form_saved, run_service

from .. import selectors, services
from ..enums import MinutesStatus
from ..forms import CirculateForm, MinutesForm, MinutesReviseForm, PublishForm, SignOffForm
from .common import _require_manager, _sub


def _minutes(request, page, pk):
    """The minutes, or 404 to whoever may not see them (a draft stays hidden)."""
    output = selectors.minutes_detail(page, pk)
    if output is None or not selectors.may_see_minutes(request.user, output):
        raise Http404(_("No such minutes."))
    return output


def _render(request, page, output, *, signoff_form=None, status=200):
    organizations = (
        selectors.signoff_organizations_for(request.user, output)
        if output.minutes_status == MinutesStatus.CIRCULATED
        else []
    )
    pending = [
        s.organization
        for s in output.signoffs.all()
        if s.organization in organizations and s.answer == "pending"
    ]
    if signoff_form is None and pending:
        signoff_form = SignOffForm(organizations=pending)
    is_organizer = request.user.has_perm("events.manage_event", page)
    return TemplateResponse(
        request,
        "events/minutes_detail.html",
        {
            "page": page,
            "output": output,
            "body_html": render_markdown(output.body),
            "signoffs": list(output.signoffs.all()),
            "revisions": list(output.revisions.all()),
            "decisions": list(output.decisions.all()),
            "signoff_form": signoff_form,
            "signoff_url": _sub(page, request, "minutes_sign_off", pk=output.pk),
            "is_organizer": is_organizer,
            "edit_url": _sub(page, request, "minutes_edit", pk=output.pk),
            "circulate_url": _sub(page, request, "minutes_circulate", pk=output.pk),
            "publish_url": _sub(page, request, "minutes_publish", pk=output.pk),
            "circulate_form": CirculateForm() if is_organizer else None,
            "publish_form": PublishForm() if is_organizer else None,
        },
        status=status,
    )


def _invalid(request, page, output, form, name, shown_when):
    """The page again with the form's errors; where the form is not on the page (the minutes
    are past that step), the errors are said in a message."""
    if output.minutes_status != shown_when:
        messages.error(request, form_errors_text(form))
    response = _render(request, page, output, status=400)
    response.context_data[name] = form
    return response


def minutes_detail(request, page, pk):
    return _render(request, page, _minutes(request, page, pk))


@login_required
@require_POST
def minutes_sign_off(request, page, pk):
    output = _minutes(request, page, pk)
    organizations = selectors.signoff_organizations_for(request.user, output)
    form = SignOffForm(request.POST, organizations=organizations)
    if form.is_valid():
        done = run_service(
            request,
            services.minutes_sign_off,
            success=_("Your answer is recorded."),
            on_denied=TELL,
            form=form,
            to_fields=True,
            output=output,
            organization=form.cleaned_data["organization"],
            by=request.user,
            approve=form.cleaned_data["answer"] == "approve",
            comment=form.cleaned_data["comment"],
        )
        if done:
            return redirect(_sub(page, request, "minutes", pk=output.pk))
    return _render(request, page, output, signoff_form=form, status=400)


def _form_page(request, page, form, *, service, success, output=None, **kwargs):
    """The organizers' form of the minutes: new minutes, or a new revision of `output`. On a
    valid POST the service runs (given `output` too, when revising) and the person goes to
    the minutes it wrote."""
    if output is not None:
        kwargs["output"] = output
    done = form_saved(
        request, form, service, success=success, on_denied=RAISE, to_fields=True, **kwargs
    )
    if done:
        written = output if output is not None else done.result
        return redirect(_sub(page, request, "minutes", pk=written.pk))
    return TemplateResponse(
        request,
        "events/minutes_form.html",
        {"page": page, "form": form, "output": output},
        status=400 if form.errors else 200,
    )


def _step(request, page, pk, form_class, *, service, success, form_name, shown_when, fields=()):
    """An organizer moves the minutes on (circulate, publish) with the step's form, whose
    `fields` the service takes; the form is `form_name` on the page while the minutes are
    `shown_when`."""
    if refusal := _require_manager(request, page):
        return refusal
    output = _minutes(request, page, pk)
    form = form_class(request.POST)
    if form.is_valid():
        run_service(
            request,
            service,
            success=success,
            on_denied=RAISE,
            output=output,
            by=request.user,
            **{field: form.cleaned_data[field] for field in fields},
        )
        # Done or refused, the outcome is flashed on the minutes' page.
        return redirect(_sub(page, request, "minutes", pk=output.pk))
    return _invalid(request, page, output, form, form_name, shown_when)


@require_http_methods(["GET", "POST"])
def minutes_new(request, page):
    if refusal := _require_manager(request, page):
        return refusal
    return _form_page(
        request,
        page,
        MinutesForm(request.POST if request.method == "POST" else None, event=page),
        service=services.minutes_draft,
        success=_("The minutes are drafted. Circulate them when they are ready."),
        event=page,
    )


@require_http_methods(["GET", "POST"])
def minutes_edit(request, page, pk):
    if refusal := _require_manager(request, page):
        return refusal
    output = _minutes(request, page, pk)
    return _form_page(
        request,
        page,
        MinutesReviseForm(
            request.POST if request.method == "POST" else None, initial={"body": output.body}
        ),
        service=services.minutes_revise,
        success=_("The new revision is saved."),
        output=output,
    )


@require_POST
def minutes_circulate(request, page, pk):
    return _step(
        request,
        page,
        pk,
        CirculateForm,
        service=services.minutes_circulate,
        success=_("The minutes are circulated: each attending organization is asked."),
        form_name="circulate_form",
        shown_when=MinutesStatus.DRAFT,
        fields=("days",),
    )


@require_POST
def minutes_publish(request, page, pk):
    return _step(
        request,
        page,
        pk,
        PublishForm,
        service=services.minutes_publish,
        success=_("The minutes are final and locked."),
        form_name="publish_form",
        shown_when=MinutesStatus.AGREED,
    )
