"""Views of research projects, in modules by subject; urls.py names them here."""

from .common import PAGE_SIZE
from .project import (
    mine,
    output_new,
    project_detail,
    project_discussion,
    project_edit,
    project_list,
    project_new,
    project_status,
)
from .team import (
    join_request_decide,
    join_request_withdraw,
    open_role_fill,
    open_role_new,
    partner_decide,
    partner_invite,
    project_join,
    team_member_remove,
    team_member_update,
)

__all__ = [
    "PAGE_SIZE",
    "join_request_decide",
    "join_request_withdraw",
    "mine",
    "open_role_fill",
    "open_role_new",
    "output_new",
    "partner_decide",
    "partner_invite",
    "project_detail",
    "project_discussion",
    "project_edit",
    "project_join",
    "project_list",
    "project_new",
    "project_status",
    "team_member_remove",
    "team_member_update",
]
