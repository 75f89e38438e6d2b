"""Rounds and answers: opening, answering, sending back, reminding."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from members.enums import OrganizationStatus
from members.models import Membership, Organization
from network.gaps.models import Country
from network.platform.email import email_on_commit
from network.platform.languages import content_language
from network.platform.services import absolute_url, service_save, unique_slug

from ..enums import AnswerStatus, Kind, RoundStatus
from ..models import Answer, Questionnaire, Round, RoundCountry
from ..rules import speaks_for_answering_organization

User = get_user_model()

NO_RESPONDENT = gettext_noop("Choose at least one organization to answer for %(country)s.")
# Days before the deadline on which respondents who have not submitted are reminded.
REMINDER_DAYS = (14, 3)


def _staff_only(user):
    if not user.has_perm("countries.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat manages country rounds."))


def _spokespeople(organization_ids):
    return Membership.objects.spokespeople().filter(organization_id__in=organization_ids).users()


def _tell_respondents(answers, *, subject, template, extra=None):
    for answer in answers:
        round_ = answer.round_country.round
        email_on_commit(
            to=_spokespeople([answer.organization_id]),
            subject=subject,
            template=template,
            context={
                "answer": answer,
                "round": round_,
                "country": answer.round_country.country,
                "organization": answer.organization,
                "url": absolute_url(
                    reverse("rounds:answer", args=[round_.slug, answer.round_country.country.code])
                ),
                **(extra or {}),
            },
        )


@transaction.atomic
def round_open(
    *,
    by: User,
    title: str,
    questionnaire: Questionnaire,
    deadline: date,
    assignments: dict[Country, list[Organization]],
) -> Round:
    """Open a round for the countries in `assignments`, each answered by its organizations.

    Side effects: an empty draft answer per organization and country; an email to each
    respondent organization's focal point and alternate.
    """
    _staff_only(by)
    errors = {}
    if deadline <= timezone.localdate():
        errors["deadline"] = _("The deadline must be in the future.")
    if not assignments:
        errors["countries"] = _("Choose at least one country.")
    for country, organizations in assignments.items():
        if not organizations:
            errors["countries"] = _(NO_RESPONDENT) % {"country": country}
        if any(o.status != OrganizationStatus.MEMBER for o in organizations):
            errors["countries"] = _("Only member organizations answer rounds.")
    if errors:
        raise ValidationError(errors)
    round_ = service_save(
        Round(
            title=title.strip(),
            slug=unique_slug(title, queryset=Round.objects.all(), fallback="round"),
            questionnaire=questionnaire,
            deadline=deadline,
            opened_by=by,
        )
    )
    answers = []
    for country, organizations in assignments.items():
        round_country = service_save(RoundCountry(round=round_, country=country))
        for organization in organizations:
            answers.append(
                service_save(Answer(round_country=round_country, organization=organization))
            )
    _tell_respondents(
        answers,
        subject=_("Country round: %(title)s") % {"title": round_.title},
        template="countries/email/assigned.txt",
    )
    return round_


def _clean_values(questions, values):
    """Check each value against its question's kind; return the values kept."""
    errors, clean = {}, {}
    this_year = timezone.localdate().year
    for question in questions:
        entry = values.get(question.key)
        if not entry:
            continue
        value = entry.get("value")
        allowed = {str(v) for v, _label in question.choices}
        if value in (None, "", []):
            continue
        if question.kind == Kind.YEAR and (
            not isinstance(value, int) or not 1900 <= value <= this_year + 10
        ):
            errors[question.key] = _("Enter a year between 1900 and %(year)s.") % {
                "year": this_year + 10
            }
        elif question.kind == Kind.NUMBER and (
            not isinstance(value, int | float) or isinstance(value, bool) or value < 0
        ):
            errors[question.key] = _("Enter a number of zero or more.")
        elif question.kind in (Kind.CHOICE, Kind.YES_NO) and str(value) not in allowed:
            errors[question.key] = _("Choose one of the options.")
        elif question.kind == Kind.MULTIPLE and (
            not isinstance(value, list) or not {str(v) for v in value} <= allowed
        ):
            errors[question.key] = _("Choose among the options.")
        clean[question.key] = {
            "value": value,
            "source_kind": entry.get("source_kind", ""),
            "source_ref": (entry.get("source_ref") or "").strip()[:500],
        }
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def answer_save(
    *,
    answer: Answer,
    by: User,
    values: dict,
    revision: int,
    submit: bool = False,
    language: str = "",
) -> Answer:
    """Save an organization's answer as a draft, or submit it, with the language its free
    text is written in (`language`; left empty, the writer's active language).

    `revision` is the revision the person's form was read at: if someone else saved since,
    the save is refused and nothing changes (the later save wins only if it saw the earlier).
    Side effects: the answer's revision goes up by one.
    """
    answer = (
        Answer.objects.select_for_update()
        .select_related("round_country__round__questionnaire", "organization")
        .get(pk=answer.pk)
    )
    round_ = answer.round_country.round
    if not speaks_for_answering_organization(by, answer):
        raise PermissionDenied(
            _("Only the focal point or alternate of %(organization)s answers for it.")
            % {"organization": answer.organization}
        )
    if round_.status != RoundStatus.OPEN or answer.round_country.published_id:
        raise ValidationError(
            _("This round is closed for %(country)s.") % {"country": answer.round_country.country}
        )
    if timezone.localdate() > round_.deadline:
        raise ValidationError(
            _("The deadline (%(deadline)s) has passed; ask the secretariat to reopen it.")
            % {"deadline": round_.deadline.isoformat()}
        )
    if answer.status == AnswerStatus.SUBMITTED:
        raise ValidationError(_("This answer was submitted and can no longer be changed."))
    if revision != answer.revision:
        raise ValidationError(
            _(
                "Someone else saved this answer after you opened it (at %(time)s). Your changes "
                "were not saved: open the answer again to see theirs."
            )
            % {"time": timezone.localtime(answer.saved_at).strftime("%H:%M")}
        )
    answer.values = _clean_values(list(round_.questionnaire.questions.all()), values)
    answer.language = content_language(language)
    answer.revision += 1
    answer.saved_at, answer.saved_by = timezone.now(), by
    if submit:
        answer.status, answer.submitted_at = AnswerStatus.SUBMITTED, timezone.now()
    return service_save(answer)


@transaction.atomic
def answer_return(*, answer: Answer, by: User, comment: str) -> Answer:
    """Send a submitted answer back to its organization with a comment.

    Side effects: an email to the organization's focal point and alternate.
    """
    _staff_only(by)
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.status != AnswerStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted answer can be sent back."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    answer.status, answer.return_comment = AnswerStatus.RETURNED, comment.strip()
    service_save(answer)
    _tell_respondents(
        [answer],
        subject=_("Your answer was sent back: %(title)s") % {"title": answer.round_country.round},
        template="countries/email/returned.txt",
    )
    return answer


def _unsubmitted(round_):
    return (
        Answer.objects.filter(round_country__round=round_, round_country__published=None)
        .exclude(status=AnswerStatus.SUBMITTED)
        .select_related("round_country__round", "round_country__country", "organization")
    )


@transaction.atomic
def round_remind(*, round: Round, by: User | None) -> int:
    """Remind every organization that has not submitted. Returns how many answers.

    Side effects: an email to each such organization's focal point and alternate.
    """
    if by is not None:
        _staff_only(by)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("This round is closed."))
    answers = list(_unsubmitted(round))
    _tell_respondents(
        answers,
        subject=_("Reminder: %(title)s is due on %(deadline)s")
        % {"title": round.title, "deadline": round.deadline.isoformat()},
        template="countries/email/reminder.txt",
    )
    return len(answers)


def rounds_remind_due(*, today: date | None = None) -> int:
    """The periodic reminders, 14 and 3 days before each open round's deadline."""
    today = today or timezone.localdate()
    due = [today + timedelta(days=days) for days in REMINDER_DAYS]
    return sum(
        round_remind(round=round_, by=None)
        for round_ in Round.objects.filter(status=RoundStatus.OPEN, deadline__in=due)
    )


@transaction.atomic
def round_close(*, round: Round, by: User) -> Round:
    """Close a round: no more answers. Side effects: none."""
    _staff_only(by)
    round.status = RoundStatus.CLOSED
    return service_save(round)
