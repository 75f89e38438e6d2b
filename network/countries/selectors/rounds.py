"""Rounds: who sees which, and where each country stands."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext

from network.desk.registry import DeskItem

from ..enums import AnswerStatus, Progress, RoundStatus
from ..models import Answer, Round, RoundCountry


def rounds_visible_to(user):
    """Staff see every round; an organization's people the rounds it answers in."""
    rounds = Round.objects.select_related("questionnaire")
    if user.has_perm("countries.manage_rounds"):
        return rounds
    if not user.is_authenticated:
        return rounds.none()
    organizations = user.memberships.values("organization_id")
    return rounds.filter(
        pk__in=Answer.objects.filter(organization_id__in=organizations).values(
            "round_country__round_id"
        )
    )


def answers_visible_to(user, round_):
    answers = Answer.objects.filter(round_country__round=round_).select_related(
        "round_country__country", "organization"
    )
    if user.has_perm("countries.manage_rounds"):
        return answers
    return answers.filter(organization_id__in=user.memberships.values("organization_id"))


def round_progress(round_):
    """Per country of the round: its answers and where it stands."""
    rows = []
    for round_country in (
        RoundCountry.objects.filter(round=round_)
        .select_related("country", "published")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("organization"))
        )
    ):
        answers = list(round_country.answers.all())
        if round_country.published_id:
            progress = Progress.PUBLISHED
        elif any(a.status == AnswerStatus.SUBMITTED for a in answers):
            progress = Progress.SUBMITTED
        elif any(a.revision for a in answers):
            progress = Progress.DRAFT
        else:
            progress = Progress.ASSIGNED
        rows.append({"round_country": round_country, "answers": answers, "progress": progress})
    return rows


def round_country(round_, code):
    return (
        RoundCountry.objects.filter(round=round_, country__code=code.upper())
        .select_related("country", "round__questionnaire", "published")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("organization"))
        )
        .first()
    )


def desk_items(*, user, organizations):
    """For the desk: the organizations' answers in open rounds not submitted yet. One query."""
    answers = Answer.objects.filter(
        organization__in=organizations,
        status__in=(AnswerStatus.DRAFT, AnswerStatus.RETURNED),
        round_country__round__status=RoundStatus.OPEN,
    ).select_related("organization", "round_country__round", "round_country__country")
    return [
        DeskItem(
            organization=answer.organization,
            kind=gettext("Country round"),
            title=f"{answer.round_country.round.title} — {answer.round_country.country.code.name}",
            reason=gettext("Sent back to you with a comment.")
            if answer.status == AnswerStatus.RETURNED
            else gettext("Your organization's answer is not submitted yet."),
            url=reverse(
                "rounds:answer",
                args=[answer.round_country.round.slug, answer.round_country.country.code.code],
            ),
            deadline=answer.round_country.round.deadline,
        )
        for answer in answers
    ]
