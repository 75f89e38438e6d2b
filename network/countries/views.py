from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from network.gaps.models import Country
from network.platform.csv import csv_download
from network.platform.pagecache import cached_page
from network.platform.views import RAISE, found_or_404, run_service

from . import profile, selectors, services
from .enums import AnswerStatus, Kind
from .forms import AnswerForm, RespondentsForm, ReturnForm, RoundForm
from .models import Answer, GapChangeProposal, Round


def _secretariat_only(request):
    if not request.user.has_perm("countries.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat manages country rounds."))


# Country pages ----------------------------------------------------------------------------


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


# Rounds -----------------------------------------------------------------------------------


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


def _round_for(request, slug):
    round_ = get_object_or_404(Round.objects.select_related("questionnaire"), slug=slug)
    if not selectors.rounds_visible_to(request.user).filter(pk=round_.pk).exists():
        raise Http404(_("No such round."))
    return round_


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


def _round_country(request, slug, code):
    round_ = _round_for(request, slug)
    round_country = found_or_404(
        selectors.round_country(round_, code),
        _("%(code)s is not in this round.") % {"code": code.upper()},
    )
    return round_, round_country


@login_required
def round_answer(request, slug, code):
    """The answering organization's form, or the secretariat's review of every answer."""
    round_, round_country = _round_country(request, slug, code)
    questions = list(round_.questionnaire.questions.all())
    if request.user.has_perm("countries.manage_rounds"):
        return _review(request, round_, round_country, questions)
    answers = [a for a in round_country.answers.all() if request.user.has_perm(
        "countries.view_answer", a)]  # fmt: skip
    if not answers:
        raise PermissionDenied(_("Your organization is not asked to answer for this country."))
    answer = next(
        (a for a in answers if a.organization.slug == request.GET.get("organization")), answers[0]
    )
    can_answer = request.user.has_perm("countries.answer_round", answer)
    if not answer.values and answer.revision == 0:
        # Prefilled from the current profile.
        current = selectors.current_version(round_country.country)
        if current:
            answer.values = {k: v for k, v in current.values.items()}
    form = AnswerForm(
        request.POST if request.method == "POST" else None, questions=questions, answer=answer
    )
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied(
                _("Only the focal point or alternate of %(organization)s answers for it.")
                % {"organization": answer.organization}
            )
        if form.is_valid():
            submit = "submit" in request.POST
            done = run_service(
                request,
                services.answer_save,
                success=_("Your answer was submitted to the secretariat.")
                if submit
                else _("Your draft was saved. Only your organization and the secretariat see it."),
                on_denied=RAISE,
                answer=answer,
                by=request.user,
                values=form.values(),
                revision=form.cleaned_data["revision"],
                submit=submit,
                language=form.cleaned_data["language"],
            )
            if done:
                url = reverse("rounds:answer", args=[round_.slug, round_country.country.code])
                return redirect(f"{url}?organization={answer.organization.slug}")
        else:
            messages.error(request, _("Nothing was saved: correct the answers marked below."))
    return render(
        request,
        "countries/answer_form.html",
        {
            "round": round_,
            "round_country": round_country,
            "answer": answer,
            "answers": answers,
            "form": form,
            "can_answer": can_answer and answer.status != AnswerStatus.SUBMITTED,
            "readonly": _readonly(questions, answer),
        },
    )


def _readonly(questions, answer):
    rows = []
    for question in questions:
        entry = answer.values.get(question.key) or {}
        shown = profile.display(
            question.kind, entry.get("value"), choices=question.choices, unit=question.unit,
            counts_people=question.counts_people,
        )  # fmt: skip
        rows.append(
            {
                "label": _(question.label),
                "value": shown,
                "entry": entry,
                # Free text keeps the language it was written in; choices read in the page's.
                "written": question.kind == Kind.TEXT,
            }
        )
    return rows


def _review(request, round_, round_country, questions):
    answers, keys = services.consolidation(round_country)
    labels = {q.key: q for q in questions}
    consolidated = [
        {
            "key": key,
            "question": labels.get(key),
            "disagree": found["disagree"],
            "entries": [
                {
                    "answer": answer,
                    "value": profile.display(
                        labels[key].kind, entry.get("value"), choices=labels[key].choices,
                        unit=labels[key].unit, counts_people=labels[key].counts_people,
                    ) if key in labels else entry.get("value"),
                    "entry": entry,
                }
                for answer, entry in found["entries"]
            ],
        }
        for key, found in sorted(
            keys.items(), key=lambda item: [q.key for q in questions].index(item[0])
            if item[0] in labels else 999
        )
    ]  # fmt: skip
    return render(
        request,
        "countries/review.html",
        {
            "round": round_,
            "round_country": round_country,
            "all_answers": list(round_country.answers.all()),
            "submitted": answers,
            "consolidated": consolidated,
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def round_publish(request, slug, code):
    _round, round_country = _round_country(request, slug, code)
    _secretariat_only(request)
    chosen = {}
    for key, value in request.POST.items():
        if key.startswith("choose_") and (value.isdigit() or value == services.MERGE):
            chosen[key.removeprefix("choose_")] = int(value) if value.isdigit() else value
    done = run_service(
        request,
        services.profile_publish,
        success=_("The profile of %(country)s is published.") % {"country": round_country.country},
        on_denied=RAISE,
        round_country=round_country,
        by=request.user,
        chosen=chosen,
    )
    if done:
        return redirect("countries:detail", code=round_country.country.code)
    return redirect("rounds:answer", slug=slug, code=round_country.country.code)


@login_required
@require_POST
def answer_return(request, slug, code, pk):
    _round, round_country = _round_country(request, slug, code)
    _secretariat_only(request)
    answer = get_object_or_404(Answer, pk=pk, round_country=round_country)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what should change before sending the answer back."))
    else:
        run_service(
            request,
            services.answer_return,
            success=_("The answer was sent back to %(organization)s.")
            % {"organization": answer.organization},
            on_denied=RAISE,
            answer=answer,
            by=request.user,
            comment=form.cleaned_data["comment"],
        )
    return redirect("rounds:answer", slug=slug, code=round_country.country.code)


@login_required
@require_POST
def proposal_decide(request, pk):
    _secretariat_only(request)
    proposal = get_object_or_404(GapChangeProposal, pk=pk)
    accept = request.POST.get("decision") == "accept"
    run_service(
        request,
        services.proposal_decide,
        success=_("The gap change was accepted.") if accept else _("The gap change was declined."),
        on_denied=RAISE,
        proposal=proposal,
        by=request.user,
        accept=accept,
    )
    return redirect("gaps:detail", pk=proposal.gap_id)
