"""A country in a round: the answering organization's form, the secretariat's review and
what it decides (publish the profile, send an answer back, accept a proposed gap change)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.platform.views import RAISE, run_service

from .. import profile, selectors, services
from ..enums import AnswerStatus, Kind
from ..forms import AnswerForm, ReturnForm
from ..models import Answer, GapChangeProposal
from .common import _round_country, _secretariat_only


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
