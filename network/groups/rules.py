"""Who may do what with working groups. The only place that decides it."""

import rules

from members.rules import (
    is_alternate_of,
    is_focal_point_of,
    is_member_of,
    is_network_member,
    is_staff,
)

from .enums import GroupStatus

speaks_for = is_focal_point_of | is_alternate_of


def _current_organizations(group):
    """The group's member organizations, read once per group object."""
    if not hasattr(group, "_current_organizations"):
        group._current_organizations = [
            membership.organization
            for membership in group.memberships.current().select_related("organization")
        ]
    return group._current_organizations


@rules.predicate
def group_is_public(user, group):
    return group is not None and group.status != GroupStatus.PROPOSED


@rules.predicate
def group_is_active(user, group):
    return group is not None and group.status == GroupStatus.ACTIVE


@rules.predicate
def proposed_it(user, group):
    return group is not None and user.is_authenticated and group.proposed_by_id == user.pk


@rules.predicate
def speaks_for_a_convener(user, group):
    """Focal point or alternate of one of the group's convening organizations."""
    if group is None or not user.is_authenticated:
        return False
    return any(speaks_for(user, organization) for organization in group.conveners.all())


@rules.predicate
def takes_part(user, group):
    """Belongs to one of the group's member organizations (any role)."""
    if group is None or not user.is_authenticated:
        return False
    return any(is_member_of(user, o) for o in _current_organizations(group))


rules.add_perm(
    "groups.view_group", group_is_public | is_staff | proposed_it | speaks_for_a_convener
)
# Restricted rooms and the pending requests: the people of its member organizations.
rules.add_perm("groups.view_member_content", takes_part | is_staff)
rules.add_perm("groups.propose_group", is_network_member)
rules.add_perm("groups.view_every_group", is_staff)
rules.add_perm("groups.decide_group", is_staff)
# Which organization asks, and whether it may, the service checks (its spokesperson).
rules.add_perm("groups.ask_to_join", rules.is_authenticated & group_is_active)
rules.add_perm("groups.decide_join", speaks_for_a_convener | is_staff)
# An organization leaves by its own spokesperson's say, or the secretariat's.
rules.add_perm("groups.leave_for", speaks_for | is_staff)
rules.add_perm("groups.speak_for", speaks_for)
