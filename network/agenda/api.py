"""API: the research agenda — priorities with endorsements, supporters and vote results;
endorse for your organization with a personal token."""

from collections import defaultdict
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from pydantic import Field

from members.models import Organization
from network.platform.api import (
    InputSchema,
    PageParams,
    contract,
    export_of,
    fields_of,
    found_or_404,
    page_of,
)
from network.platform.api import page_schema as _page

from . import selectors, services
from .enums import PriorityStatus, Theme
from .models import Endorsement, Vote

router = Router()


class RollCallOut(Schema):
    organization: str = Field(description="Organization slug")
    choice: str | None = Field(description="yes, no, abstain; null when it did not take part")
    role: str | None


class VoteResultOut(Schema):
    yes: int
    no: int
    abstain: int
    participating: int
    member_count: int
    quorum: int
    quorum_met: bool
    adopted: bool
    roll_call: list[RollCallOut]


class PriorityOut(Schema):
    id: int
    title: str
    rationale: str
    language: str = Field(description="Language the text is written in (a language code)")
    theme: str
    status: str
    proposing_organization: str | None = Field(description="Organization slug")
    endorsement_count: int = Field(description="Organizations endorsing (one each)")
    endorsed_by: list[str] = Field(description="Slugs of the endorsing organizations")
    supporter_count: int = Field(description="Individual supporters")
    gaps: list[int]
    vote_opens_at: datetime | None
    vote_closes_at: datetime | None
    vote_result: VoteResultOut | None = Field(description="Only once the vote is closed")
    url: str
    created_at: datetime


class PriorityFilters(Schema):
    theme: Theme | None = None
    status: PriorityStatus | None = None


class EndorsementIn(InputSchema):
    organization: int = Field(ge=1, le=2_147_483_647, description="Organization id")


class EndorsementOut(Schema):
    priority: int
    organization: str
    endorsement_count: int


PriorityPage = _page(PriorityOut, "PriorityPage")

CSV_COLUMNS = [
    "id",
    "title",
    "theme",
    "status",
    "proposing_organization",
    "endorsement_count",
    "endorsed_by",
    "supporter_count",
    "gaps",
    "vote_closes_at",
    "vote_yes",
    "vote_no",
    "vote_abstain",
    "vote_adopted",
    "url",
]


def _priorities(filters):
    # The API's order is by title, as it always was; the site's page groups by status.
    priorities = selectors.priority_list(filters=filters.dict())
    return priorities.order_by("title", "pk").prefetch_related("gaps")


def _attach(priorities):
    """Endorsers and closed-vote tallies for a page of priorities, in three queries."""
    priorities = list(priorities)
    pks = [p.pk for p in priorities]
    endorsers = defaultdict(list)
    for priority_id, slug in (
        Endorsement.objects.filter(priority_id__in=pks)
        .order_by("organization__name")
        .values_list("priority_id", "organization__slug")
    ):
        endorsers[priority_id].append(slug)
    decided = [p.pk for p in priorities if p.vote_is_decided]
    votes = defaultdict(list)
    members = []
    if decided:
        for vote in Vote.objects.filter(priority_id__in=decided).select_related("organization"):
            votes[vote.priority_id].append(vote)
        members = list(Organization.objects.members())
    for priority in priorities:
        priority.endorser_slugs = endorsers[priority.pk]
        priority.tally = (
            services.vote_tally(
                votes=votes[priority.pk], member_organizations=members, quorum=priority.quorum
            )
            if priority.vote_is_decided
            else None
        )
    return priorities


def _result(tally):
    if tally is None:
        return None
    return {
        **fields_of(
            tally,
            "yes",
            "no",
            "abstain",
            "participating",
            "member_count",
            "quorum",
            "quorum_met",
            "adopted",
        ),
        "roll_call": [
            {"organization": e.organization.slug, "choice": e.choice, "role": e.role}
            for e in tally.roll_call
        ],
    }


def _priority(request, priority):
    return {
        "id": priority.pk,
        **fields_of(priority, "title", "rationale", "language", "theme", "status"),
        "proposing_organization": priority.proposing_organization.slug
        if priority.proposing_organization
        else None,
        "endorsement_count": priority.endorsement_count,
        "endorsed_by": priority.endorser_slugs,
        "supporter_count": priority.supporter_count,
        "gaps": sorted(g.pk for g in priority.gaps.all()),
        "vote_opens_at": priority.vote_opens_at,
        "vote_closes_at": priority.vote_closes_at,
        "vote_result": _result(priority.tally),
        "url": request.build_absolute_uri(priority.get_absolute_url()),
        "created_at": priority.created_at,
    }


def _csv_row(row):
    result = row["vote_result"] or {}
    return {
        **row,
        "vote_yes": result.get("yes"),
        "vote_no": result.get("no"),
        "vote_abstain": result.get("abstain"),
        "vote_adopted": result.get("adopted"),
    }


@router.get("", **contract(PriorityPage), summary="List research priorities")
def priority_list(request, filters: Query[PriorityFilters], page: Query[PageParams]):
    """The same filters as /agenda/. Closed votes carry their result and roll call."""
    return page_of(
        _priorities(filters), page, prepare=_attach, item=lambda p: _priority(request, p)
    )


@router.get("/export.csv", summary="Research priorities as CSV", **contract(csv=True))
def priority_export(request, filters: Query[PriorityFilters]):
    return export_of(
        _priorities(filters),
        CSV_COLUMNS,
        "priorities.csv",
        prepare=_attach,
        item=lambda p: _csv_row(_priority(request, p)),
    )


def _one(pk):
    return found_or_404(
        _priorities(PriorityFilters()).filter(pk=pk).first(), gettext("No such priority.")
    )


@router.get("/{int:pk}", **contract(PriorityOut, found=True), summary="One research priority")
def priority_detail(request, pk: int):
    return _priority(request, _attach([_one(pk)])[0])


@router.post(
    "/{int:pk}/endorsements",
    **contract(EndorsementOut, status=201, write=True, found=True),
    summary="Endorse a priority for your organization",
)
def priority_endorse(request, pk: int, payload: EndorsementIn):
    """Needs a token. The same rule as the page: the focal point or alternate of an admitted
    member organization endorses for it, once."""
    user = request.auth
    priority = _one(pk)
    organization = Organization.objects.filter(pk=payload.organization).first()
    if organization is None:
        raise ValidationError({"organization": gettext("No such organization.")})
    if not user.has_perm("agenda.speak_for_organization", organization):
        raise PermissionDenied(
            gettext("You do not speak for %(organization)s.") % {"organization": organization.name}
        )
    services.priority_endorse(priority=priority, organization=organization, by=user)
    return Status(
        201,
        {
            "priority": priority.pk,
            "organization": organization.slug,
            "endorsement_count": priority.endorsements.count(),
        },
    )
