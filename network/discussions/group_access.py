"""Who takes part in, and who convenes, the working group a room belongs to.

Rooms point at `groups.WorkingGroup` by a string reference; the groups app sits above
discussions and fills this in its ready(), so discussions never imports it. Until it does
(or without it), a group's rooms open to nobody beyond their own members and moderators.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class GroupAccess:
    # participates_in(user) -> a queryset of the groups in whose rooms the user takes part
    participates_in: Any
    # convenes(user) -> a queryset of the groups whose rooms the user moderates
    convenes: Any
    # people(group_id) -> a Q over users: everybody who may see the group's rooms
    people: Any


_access: GroupAccess | None = None


def register(*, participates_in, convenes, people):
    global _access
    _access = GroupAccess(participates_in=participates_in, convenes=convenes, people=people)


def groups_of(user):
    """Ids of the groups in whose rooms the user takes part, as a subquery."""
    return _access.participates_in(user).values("pk") if _access else []


def groups_convened_by(user):
    """Ids of the groups whose rooms the user moderates, as a subquery."""
    return _access.convenes(user).values("pk") if _access else []


def takes_part(user, group_id):
    return _access is not None and _access.participates_in(user).filter(pk=group_id).exists()


def convenes(user, group_id=None):
    """Moderates the rooms of group `group_id`, or of any group when it is None."""
    if _access is None:
        return False
    groups = _access.convenes(user)
    return (groups if group_id is None else groups.filter(pk=group_id)).exists()


def people_of(group_id):
    """A Q over users: everybody who may see the rooms of the group."""
    return _access.people(group_id) if _access else Q(pk__in=[])


def all_groups():
    """Every working group (the model rooms point at, whichever app provides it)."""
    from .models import Room

    return Room._meta.get_field("working_group").related_model.objects.all()
