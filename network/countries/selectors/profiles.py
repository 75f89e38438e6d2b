"""Country pages and profiles: the overview, one country, its history."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext

from events.selectors import event_list
from members.models import Organization
from members.selectors import people_visible_to
from network.gaps.enums import GapStatus
from network.gaps.models import Country, DataGap
from network.gaps.selectors import gap_list
from network.library.selectors import publication_list
from network.platform.cache import app_version, versioned
from projects.enums import ProjectStatus
from projects.models import ResearchProject
from projects.selectors import project_list

from .. import profile
from ..enums import Freshness
from ..models import GapChangeProposal, ProfileVersion, Question, Round

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
    """country -> open gaps naming it or its sub-region: those naming the country, plus those
    naming its sub-region, less those naming both, counted by the database and kept until a
    write to the register. Reading every gap's links on each view grew with the register (17
    ms of the page on the xlarge network)."""

    def compute():
        is_open = {"datagap__status__in": [s for s in GapStatus.values if s != GapStatus.FILLED]}

        def counted(links, by):
            # A link table holds each (gap, place) pair once: no DISTINCT (and its sort) needed.
            return dict(links.filter(**is_open).values_list(by).annotate(n=Count("datagap_id")))

        return (
            counted(GapCountry.objects, "country_id"),
            counted(GapSubRegion.objects, "subregion_id"),
            counted(
                GapCountry.objects.filter(datagap__sub_regions=F("country__sub_region")),
                "country_id",
            ),
        )

    named, in_region, both = versioned(app_version("gaps"), "open-gap-counts", compute, 3600)

    def count(country):
        return (
            named.get(country.pk, 0)
            + in_region.get(country.sub_region_id, 0)
            - both.get(country.pk, 0)
        )

    return count


def _country_counts(app, rows):
    """{country code: how many of `rows` (a model's objects) work there}, kept until a write
    to `app`."""

    def compute():
        return Counter(
            code for value in rows.values_list("countries", flat=True) for code in _codes(value)
        )

    return versioned(app_version(app), "country-counts", compute, 3600)


def country_overview():
    """Every country by sub-region with its freshness, open gaps, active projects and member
    organizations working there, in a fixed number of queries."""
    now = timezone.now()
    versions = current_versions()
    open_gaps = _open_gap_counts()
    projects = _country_counts(
        "projects", ResearchProject.objects.filter(status=ProjectStatus.ACTIVE)
    )
    organizations = _country_counts("members", Organization.objects.members())
    groups = defaultdict(list)
    for country in Country.objects.select_related("sub_region").order_by("code"):
        code = str(country.code)
        version = versions.get(country.pk)
        groups[country.sub_region].append(
            {
                "country": country,
                "version": version,
                "freshness": freshness(version, now),
                "open_gaps": open_gaps(country),
                "active_projects": projects[code],
                "organizations": organizations[code],
            }
        )
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0] or "")))
    return ordered, list(versions.values())


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


def current_version(country):
    return ProfileVersion.objects.filter(country=country, is_current=True).first()
