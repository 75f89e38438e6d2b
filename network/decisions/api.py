"""API: the decision and action register, with the register page's visibility (a restricted
meeting's records only for staff and the responsible organizations' people)."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from members.models import Organization
from network.platform.api import PageParams, contract, fields_of, found_or_404, page_of
from network.platform.api import page_schema as _page

from . import selectors
from .enums import DecisionStatus, RecordKind

router = Router()


class DecisionOut(Schema):
    id: int
    kind: str
    text: str
    status: str
    responsible: list[str] = Field(description="Slugs of the responsible organizations")
    due: date | None
    overdue: bool
    meeting: str | None
    priority: int | None = Field(description="The adopted priority, for a vote's decision")
    recorded_at: datetime
    source_document: str


class DecisionFilters(Schema):
    kind: RecordKind | None = None
    status: DecisionStatus | None = None
    organization: str | None = Field(None, max_length=100, description="Organization slug")
    overdue: bool = False


DecisionPage = _page(DecisionOut, "DecisionPage")


def _decision(d):
    return {
        "id": d.pk,
        **fields_of(d, "kind", "text", "status"),
        "responsible": [o.slug for o in d.responsible.all()],
        "due": d.due,
        "overdue": d.is_overdue,
        "meeting": d.meeting.title if d.meeting else None,
        "priority": d.priority_vote_id,
        "recorded_at": d.created_at,
        "source_document": d.source_document,
    }


@router.get("", **contract(DecisionPage), summary="List decisions and action points")
def decision_list(request, filters: Query[DecisionFilters], page: Query[PageParams]):
    wanted = filters.dict(exclude_none=True)
    if slug := wanted.pop("organization", None):
        wanted["organization"] = Organization.objects.members().filter(slug=slug).first()
        if wanted["organization"] is None:
            return {"count": 0, "limit": page.limit, "offset": page.offset, "results": []}
    return page_of(selectors.decision_list(wanted, user=request.user), page, item=_decision)


@router.get(
    "/{int:pk}", **contract(DecisionOut, found=True), summary="One decision or action point"
)
def decision_detail(request, pk: int):
    decision = found_or_404(
        selectors.decision_detail(pk, user=request.user), _("No such decision or action point.")
    )
    return _decision(decision)
