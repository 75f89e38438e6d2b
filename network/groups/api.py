"""API: the network's working groups, public ones only (approved: active or closed)."""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from members.models import Organization
from network.platform.api import PageParams, contract, fields_of, found_or_404, page_of
from network.platform.api import page_schema as _page

from . import selectors
from .enums import GroupStatus
from .models import WorkingGroup

router = Router()


class GroupOut(Schema):
    slug: str
    name: str
    status: str
    mandate: str = Field(description="Markdown")
    conveners: list[str] = Field(description="Slugs of the convening organizations")
    member_organizations: int
    url: str
    created_at: datetime
    source_document: str


class GroupDetailOut(GroupOut):
    organizations: list[str] = Field(description="Slugs of the member organizations, A to Z")


class GroupFilters(Schema):
    status: GroupStatus | None = None
    organization: str | None = Field(
        None, max_length=100, description="Slug of a member organization"
    )


GroupPage = _page(GroupOut, "GroupPage")


def _group(g):
    return {
        **fields_of(g, "slug", "name", "status", "mandate"),
        "conveners": [o.slug for o in g.conveners.all()],
        "member_organizations": g.member_count,
        "url": g.get_absolute_url(),
        "created_at": g.created_at,
        "source_document": g.source_document,
    }


def _public(filters=None):
    # The API answers what the public pages show, whoever asks: proposals never.
    return selectors.group_list(user=AnonymousUser(), filters=filters)


@router.get("", **contract(GroupPage), summary="List working groups")
def group_list(request, filters: Query[GroupFilters], page: Query[PageParams]):
    wanted = filters.dict(exclude_none=True)
    if wanted.get("status") == GroupStatus.PROPOSED:
        return {"count": 0, "limit": page.limit, "offset": page.offset, "results": []}
    if slug := wanted.pop("organization", None):
        wanted["organization"] = Organization.objects.members().filter(slug=slug).first()
        if wanted["organization"] is None:
            return {"count": 0, "limit": page.limit, "offset": page.offset, "results": []}
    return page_of(_public(wanted), page, item=_group)


@router.get("/{slug}", **contract(GroupDetailOut, found=True), summary="One working group")
def group_detail(request, slug: str):
    group = found_or_404(
        selectors.with_counts(WorkingGroup.objects.public()).filter(slug=slug).first(),
        _("No such working group."),
    )
    return {
        **_group(group),
        "organizations": [m.organization.slug for m in selectors.member_organizations(group)],
    }
