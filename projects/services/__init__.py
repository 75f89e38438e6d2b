"""Every write to research projects, in modules by subject; the public names are here."""

from .common import CURATED_FIELDS, EDITABLE_FIELDS, RESERVED_SLUGS
from .outputs import notifications_mark_read, output_add
from .partners import partner_decide, partner_invite
from .project import project_propose, project_transition, project_update
from .team import (
    join_request_create,
    join_request_decide,
    join_request_withdraw,
    open_role_add,
    open_role_set_filled,
    project_member_remove,
    project_member_update,
)

__all__ = [
    "CURATED_FIELDS",
    "EDITABLE_FIELDS",
    "RESERVED_SLUGS",
    "join_request_create",
    "join_request_decide",
    "join_request_withdraw",
    "notifications_mark_read",
    "open_role_add",
    "open_role_set_filled",
    "output_add",
    "partner_decide",
    "partner_invite",
    "project_member_remove",
    "project_member_update",
    "project_propose",
    "project_transition",
    "project_update",
]
