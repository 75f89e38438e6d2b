"""Update rounds: the list, opening one, its progress, reminders and its answers as CSV."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.platform.csv import csv_download
from network.platform.views import RAISE, run_service

from .. import selectors, services
from ..forms import RespondentsForm, RoundForm
from .common import _round_for, _secretariat_only


@login_required
def round_list(request):
    return render(
        request,
        "countries/round_list.html",
        {
            "rounds": selectors.rounds_visible_to(request.user),
            "can_manage": request.user.has_perm("countries.manage_rounds"),
        },
    )


@login_required
def round_open(request):
    _secretariat_only(request)
    form = RoundForm(request.POST if request.method == "POST" else None)
    respondents = None
    if request.method == "POST" and form.is_valid():
        respondents = RespondentsForm(
            request.POST if "confirm" in request.POST else None,
            countries=form.cleaned_data["countries"],
        )
        if "confirm" in request.POST and respondents.is_valid():
            opened = run_service(
                request,
                services.round_open,
                success=_("The round is open and the respondents have been told."),
                on_denied=RAISE,
                by=request.user,
                title=form.cleaned_data["title"],
                questionnaire=form.cleaned_data["questionnaire"],
                deadline=form.cleaned_data["deadline"],
                assignments=respondents.assignments(),
            )
            if opened:
                return redirect("rounds:detail", slug=opened.result.slug)
    return render(request, "countries/round_form.html", {"form": form, "respondents": respondents})


@login_required
def round_detail(request, slug):
    round_ = _round_for(request, slug)
    visible = {a.pk for a in selectors.answers_visible_to(request.user, round_)}
    rows = [
        {**row, "answers": [a for a in row["answers"] if a.pk in visible]}
        for row in selectors.round_progress(round_)
    ]
    return render(
        request,
        "countries/round_detail.html",
        {
            "round": round_,
            "rows": [row for row in rows if row["answers"] or row["round_country"].published_id],
            "can_manage": request.user.has_perm("countries.manage_rounds"),
        },
    )


@login_required
@require_POST
def round_remind(request, slug):
    round_ = _round_for(request, slug)
    _secretariat_only(request)
    run_service(
        request,
        services.round_remind,
        success=_("Reminders were sent to every organization that has not submitted."),
        on_denied=RAISE,
        round=round_,
        by=request.user,
    )
    return redirect("rounds:detail", slug=slug)


@login_required
def round_export(request, slug):
    round_ = _round_for(request, slug)
    _secretariat_only(request)
    questions = list(round_.questionnaire.questions.all())
    header = ["iso", "country", "organization", "status", "revision"]
    for question in questions:
        header += [question.key, f"{question.key} source", f"{question.key} reference"]
    rows = []
    for answer in selectors.answers_visible_to(request.user, round_):
        row = [answer.round_country.country.code, answer.round_country.country,
               answer.organization, answer.get_status_display(), answer.revision]  # fmt: skip
        for question in questions:
            entry = answer.values.get(question.key) or {}
            row += [entry.get("value"), entry.get("source_kind"), entry.get("source_ref")]
        rows.append(row)
    return csv_download(f"round-{round_.slug}.csv", header, rows)
