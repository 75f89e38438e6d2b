# ruff: noqa: RUF001, RUF003 -- the baseline quotes keep the typography of the source.
"""Shared reads for country pages, profiles and rounds, with visibility applied here."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from events.selectors import event_list
from members.models import Organization
from members.selectors import people_visible_to
from network.gaps.enums import GapStatus
from network.gaps.models import Country, DataGap
from network.gaps.selectors import gap_list
from network.library.selectors import publication_list
from network.platform import sources
from projects.enums import ProjectStatus
from projects.models import ResearchProject
from projects.selectors import project_list

from . import profile
from .enums import ActionPlan, AnswerStatus, Freshness, Progress, TraffickingRole, YesNo
from .models import Answer, GapChangeProposal, ProfileVersion, Question, Round, RoundCountry

# A profile is due for an update two years after it was published (UNODC asks its national
# focal points every two years) and overdue a year after that.
DUE_AFTER = timedelta(days=730)
OVERDUE_AFTER = timedelta(days=1095)

GapCountry = DataGap.countries.through
GapSubRegion = DataGap.sub_regions.through


def freshness(version, now=None):
    if version is None:
        return Freshness.NO_DATA
    age = (now or timezone.now()) - version.published_at
    if age > OVERDUE_AFTER:
        return Freshness.OVERDUE
    if age > DUE_AFTER:
        return Freshness.DUE
    return Freshness.UP_TO_DATE


def _codes(value):
    """Codes of a multiple CountryField read with values_list: the stored "AL,MD" text."""
    return [code for code in value.split(",") if code] if value else []


def current_versions():
    return {v.country_id: v for v in ProfileVersion.objects.filter(is_current=True)}


def _open_gap_counts():
    """Per country id: open gaps naming it or its sub-region (two queries)."""
    open_statuses = [s for s in GapStatus.values if s != GapStatus.FILLED]
    per_country = defaultdict(set)
    for country_id, gap_id in GapCountry.objects.filter(
        datagap__status__in=open_statuses
    ).values_list("country_id", "datagap_id"):
        per_country[country_id].add(gap_id)
    per_region = defaultdict(set)
    for region_id, gap_id in GapSubRegion.objects.filter(
        datagap__status__in=open_statuses
    ).values_list("subregion_id", "datagap_id"):
        per_region[region_id].add(gap_id)
    return per_country, per_region


def country_overview():
    """Every country by sub-region with its freshness, open gaps, active projects and member
    organizations working there, in a fixed number of queries."""
    now = timezone.now()
    versions = current_versions()
    gaps_by_country, gaps_by_region = _open_gap_counts()
    projects = Counter(
        code
        for value in ResearchProject.objects.filter(status=ProjectStatus.ACTIVE).values_list(
            "countries", flat=True
        )
        for code in _codes(value)
    )
    organizations = Counter(
        code
        for value in Organization.objects.members().values_list("countries", flat=True)
        for code in _codes(value)
    )
    groups = defaultdict(list)
    for country in Country.objects.select_related("sub_region").order_by("code"):
        code = str(country.code)
        version = versions.get(country.pk)
        groups[country.sub_region].append(
            {
                "country": country,
                "version": version,
                "freshness": freshness(version, now),
                "open_gaps": len(
                    gaps_by_country[country.pk] | gaps_by_region[country.sub_region_id]
                ),
                "active_projects": projects[code],
                "organizations": organizations[code],
            }
        )
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0] or "")))
    return ordered, list(versions.values())


# The study's network-wide findings (2003–2005), quoted, beside what current profiles say.
# (label, quote, how to compute from profiles: a function of the current values)
BASELINE = [
    (
        _("Countries of origin and of destination"),
        "The study found that two-thirds of countries are countries of origin, and more "
        "than three-quarters are countries of destination.",
        "roles",
    ),
    (
        _("Routes in both directions"),
        "In more than half of the countries, trafficking routes lead in both directions – "
        "they lead both into and out of the country.",
        "both_directions",
    ),
    (
        _("Internal trafficking"),
        "Internal trafficking, which does not involve the crossing of international "
        "borders, is reported to occur in half of all countries in Europe, including in "
        "Western Europe.",
        "internal",
    ),
    (
        _("National action plans"),
        "About two-thirds of the countries covered by this research have adopted National "
        "Action Plans to counter trafficking in human beings.",
        "action_plan",
    ),
    (
        _("Child-specific action plans"),
        "Only nine countries in all of Europe have developed National Action Plans "
        "specifically for the prevention of child trafficking, and the majority of them are "
        "in the South-Eastern Europe region.",
        "child_plan",
    ),
    (
        _("Coordinating institutions"),
        "Thirty-seven countries in Europe have institutions that have been assigned a "
        "leading role in national anti-trafficking policy development and implementation.",
        "institution",
    ),
    (
        _("Palermo Protocol"),
        "the vast majority of European countries have adopted a definition of trafficking "
        "in human beings that is framed by the ‘Palermo Protocol’, which has been ratified "
        "by 42 European countries.",
        "palermo",
    ),
]
BASELINE_SOURCE = sources.INNOCENTI_EUROPE
BASELINE_PERIOD = "Systematic data collection for this study was done between 2003 and 2005."


def _value(version, key):
    return (version.values.get(key) or {}).get("value")


def _current_figure(kind, versions):
    """(countries with data on it, text of what they say) for one baseline line."""

    def answered(key):
        return [v for v in versions if _value(v, key) not in (None, "", [])]

    def count(key, test):
        with_data = answered(key)
        return len(with_data), sum(1 for v in with_data if test(_value(v, key)))

    if kind in ("roles", "both_directions", "internal"):
        with_data = answered(profile.ROLE)
        roles = [set(_value(v, profile.ROLE)) for v in with_data]
        if kind == "roles":
            origin = sum(TraffickingRole.ORIGIN in r for r in roles)
            destination = sum(TraffickingRole.DESTINATION in r for r in roles)
            text = gettext("%(origin)s of origin, %(destination)s of destination") % {
                "origin": origin,
                "destination": destination,
            }
        elif kind == "both_directions":
            both = sum({TraffickingRole.ORIGIN, TraffickingRole.DESTINATION} <= r for r in roles)
            text = gettext("%(count)s both of origin and of destination") % {"count": both}
        else:
            internal = sum(TraffickingRole.INTERNAL in r for r in roles)
            text = gettext("%(count)s with internal trafficking") % {"count": internal}
        return len(with_data), text
    if kind in ("action_plan", "child_plan"):
        wanted = (
            {ActionPlan.GENERAL, ActionPlan.CHILD_SPECIFIC}
            if kind == "action_plan"
            else {ActionPlan.CHILD_SPECIFIC}
        )
        total, hits = count(profile.ACTION_PLAN, lambda value: value in wanted)
        text = (
            gettext("%(count)s with a national action plan")
            if kind == "action_plan"
            else gettext("%(count)s with a child-specific part")
        ) % {"count": hits}
        return total, text
    if kind == "institution":
        total, hits = count(profile.INSTITUTION, bool)
        return total, gettext("%(count)s name a coordinating institution") % {"count": hits}
    total, hits = count(profile.PALERMO, lambda value: value == YesNo.YES)
    return total, gettext("%(count)s have ratified") % {"count": hits}


def baseline_figures(versions):
    return [
        {
            "label": gettext(label),
            "quote": quote,
            "with_data": _current_figure(kind, versions)[0],
            "current": _current_figure(kind, versions)[1],
        }
        for label, quote, kind in BASELINE
    ]


def question_specs():
    """Question labels and how to show each key, from the newest questionnaire asking it."""
    spec = {}
    for question in Question.objects.order_by("questionnaire__created_at", "order"):
        spec[question.key] = question
    return spec


def profile_rows(version, questions=None):
    """The profile's answers in questionnaire order, each as the viewer reads it."""
    if version is None:
        return []
    questions = questions if questions is not None else question_specs()
    rows = []
    for key, question in questions.items():
        entry = version.values.get(key)
        if not entry:
            continue
        rows.append(
            {
                "key": key,
                "question": question,
                "label": gettext(question.label),
                "section": gettext(question.section),
                "value": profile.display(
                    question.kind,
                    entry.get("value"),
                    choices=question.choices,
                    unit=question.unit,
                    counts_people=question.counts_people,
                ),
                "entry": entry,
                "disagreement": [
                    {
                        "organization": d["organization"],
                        "value": profile.display(
                            question.kind,
                            d["value"],
                            choices=question.choices,
                            unit=question.unit,
                            counts_people=question.counts_people,
                        ),
                    }
                    for d in entry.get("disagreement") or []
                ],
            }
        )
    return rows


def country_detail(*, code, user):
    """The country, its current profile and what the other instruments hold about it."""
    country = Country.objects.select_related("sub_region").filter(code=code.upper()).first()
    if country is None:
        return None
    version = (
        ProfileVersion.objects.filter(country=country, is_current=True)
        .select_related("round")
        .first()
    )
    code = str(country.code)
    return {
        "country": country,
        "version": version,
        "freshness": freshness(version),
        "rows": profile_rows(version),
        "gaps": list(
            gap_list({"country": code}).exclude(status=GapStatus.FILLED).order_by("title")
        ),
        "projects": list(project_list(user=user, filters={"country": code})[:20]),
        "publications": list(publication_list(filters={"country": code})[:20]),
        "events": list(event_list(filters={"country": code}).order_by("-start")[:20]),
        "organizations": list(
            Organization.objects.members().filter(countries__contains=code).order_by("name")
        ),
        "people": list(
            people_visible_to(user).filter(countries__contains=code).order_by("display_name")[:50]
        ),
        "rounds": open_rounds_for(country),
    }


def open_rounds_for(country):
    return list(
        Round.objects.filter(countries__country=country, status="open").order_by("deadline")
    )


def profile_history(country):
    """Every published version, newest first, with what changed and who answered."""
    versions = list(
        ProfileVersion.objects.filter(country=country)
        .select_related("round", "published_by")
        .order_by("-number")
    )
    questions = question_specs()
    return [
        {
            "version": version,
            "changed": [
                row for row in profile_rows(version, questions) if row["key"] in version.changed
            ],
            "answered_by": sorted(
                {
                    name
                    for entry in version.values.values()
                    if entry.get("round") == (version.round.title if version.round else None)
                    for name in entry.get("answered_by", [])
                }
            ),
        }
        for version in versions
    ]


def pending_proposals(gap):
    return list(
        GapChangeProposal.objects.filter(gap=gap, status="pending").select_related(
            "version__country", "version__round"
        )
    )


# Rounds -----------------------------------------------------------------------------------


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
    from django.urls import reverse

    from network.desk.registry import DeskItem

    from .enums import RoundStatus

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
