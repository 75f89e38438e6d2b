"""Shared reads for working groups, with visibility applied in one place."""

from django.db.models import OuterRef, Prefetch, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext

from events.models import EventPage, Session
from members.enums import OrganizationStatus
from members.models import Membership, Organization
from network.decisions.models import Decision
from network.desk.registry import DeskItem
from network.discussions.enums import RoomVisibility
from network.discussions.models import Room
from network.platform.languages import source_pages
from network.platform.queries import row_count

from .enums import PUBLIC, GroupStatus, MembershipStatus
from .models import GroupMembership, WorkingGroup


def _count(queryset, field):
    """An annotation: the rows of `queryset` whose `field` is the outer row."""
    return row_count(queryset.filter(**{field: OuterRef("pk")}))


def groups_visible_to(user):
    """Groups the user may see (the same answer as the view_group rule): approved ones to
    everybody, proposals to staff, their proposer and their conveners' spokespeople."""
    groups = WorkingGroup.objects.all()
    if user.has_perm("groups.view_every_group"):
        return groups
    public = Q(status__in=PUBLIC)
    if not user.is_authenticated:
        return groups.filter(public)
    spoken_for = Membership.objects.spokespeople().filter(user=user).values("organization_id")
    return groups.filter(
        public
        | Q(proposed_by=user)
        | Q(pk__in=WorkingGroup.conveners.through.objects.filter(
            organization_id__in=spoken_for).values("workinggroup_id"))
    )  # fmt: skip


def group_list(*, user, filters=None):
    """Active groups, those whose status the sources do not state (and the proposals the user
    may see), alphabetical, each with its
    member organization, room and meeting counts and its conveners."""
    filters = filters or {}
    groups = groups_visible_to(user).exclude(status=GroupStatus.CLOSED)
    if status := filters.get("status"):
        groups = groups_visible_to(user).filter(status=status)
    if organization := filters.get("organization"):
        groups = groups.filter(
            pk__in=GroupMembership.objects.current()
            .filter(organization=organization)
            .values("group_id")
        )
    return with_counts(groups)


def with_counts(groups):
    """Each group with its member organization, room and meeting counts and its conveners
    (A to Z), alphabetical: a fixed number of queries for any number of groups."""
    return (
        groups.annotate(
            member_count=_count(GroupMembership.objects.current(), "group"),
            room_count=_count(Room.objects.all(), "working_group"),
            meeting_count=_count(WorkingGroup.events.through.objects.all(), "workinggroup"),
        )
        .prefetch_related(Prefetch("conveners", queryset=Organization.objects.order_by("name")))
        .order_by(Lower("name"), "pk")
    )


def group_detail(*, slug, user):
    """The group if the user may see it, with what its page shows; else None."""
    return (
        groups_visible_to(user)
        .filter(slug=slug)
        .select_related("proposed_by")
        .prefetch_related(
            Prefetch("conveners", queryset=Organization.objects.order_by("name")),
            # Meetings the public may see: published and behind no view restriction.
            Prefetch(
                "events",
                queryset=source_pages(EventPage.objects.live().public()).order_by("start"),
            ),
            Prefetch(
                "sessions",
                queryset=Session.objects.filter(
                    page__in=source_pages(EventPage.objects.live().public())
                ).select_related("page"),
            ),
            "publications",
            # Its decisions the public may see: a restricted meeting's stay off the page.
            Prefetch("decisions", queryset=Decision.objects.public()),
            "priorities",
            "gaps",
        )
        .first()
    )


def member_organizations(group):
    """The group's member organizations, alphabetical: equals, none ranked first."""
    return (
        GroupMembership.objects.current()
        .filter(group=group)
        .select_related("organization")
        .order_by(Lower("organization__name"))
    )


def pending_requests(group):
    return (
        GroupMembership.objects.pending()
        .filter(group=group)
        .select_related("organization", "requested_by")
        .order_by("requested_at", "pk")
    )


def rooms_of(*, group, user):
    """The group's rooms the user may see: network-wide rooms to the page's readers, closed
    (restricted) ones only to the people of its member organizations and staff."""
    rooms = group.rooms.order_by("is_archived", "title")
    if user.has_perm("groups.view_member_content", group):
        return rooms
    return rooms.filter(visibility=RoomVisibility.NETWORK)


def organizations_that_may_join(*, group, user):
    """The member organizations the user speaks for that have no place in the group yet."""
    held = GroupMembership.objects.filter(
        group=group, status__in=[MembershipStatus.PENDING, MembershipStatus.MEMBER]
    ).values("organization_id")
    return Organization.objects.members().spoken_for_by(user).exclude(pk__in=held)


def organizations_that_may_leave(*, group, user):
    """The group's member organizations the user speaks for."""
    current = GroupMembership.objects.current().filter(group=group).values("organization_id")
    return Organization.objects.spoken_for_by(user).filter(pk__in=current)


# Rooms: who takes part and who convenes, for network.discussions (group_access).


def groups_of(user):
    """Groups in which one of the user's member organizations takes part."""
    mine = Membership.objects.in_member_organizations().filter(user=user).values("organization_id")
    return WorkingGroup.objects.filter(
        pk__in=GroupMembership.objects.current().filter(organization_id__in=mine).values("group_id")
    )


def groups_convened_by(user):
    """Groups one of whose convening organizations the user is focal point or alternate of."""
    spoken_for = (
        Membership.objects.spokespeople()
        .in_member_organizations()
        .filter(user=user)
        .values("organization_id")
    )
    return WorkingGroup.objects.filter(
        pk__in=WorkingGroup.conveners.through.objects.filter(organization_id__in=spoken_for).values(
            "workinggroup_id"
        )
    )


def people_of(group_id):
    """A Q over users: the people of the group's member organizations."""
    organizations = (
        GroupMembership.objects.current()
        .filter(group_id=group_id, organization__status=OrganizationStatus.MEMBER)
        .values("organization_id")
    )
    return Q(pk__in=Membership.objects.filter(organization_id__in=organizations).values("user_id"))


def desk_items(*, user, organizations):
    """For the desk: requests to join the groups these organizations convene, one item per
    request and convening organization. Two queries."""
    ids = {organization.pk for organization in organizations}
    requests = (
        GroupMembership.objects.pending()
        .filter(
            group__status=GroupStatus.ACTIVE,
            group__in=WorkingGroup.conveners.through.objects.filter(organization_id__in=ids).values(
                "workinggroup_id"
            ),
        )
        .select_related("group", "organization")
        .prefetch_related("group__conveners")
        .order_by("requested_at", "pk")
    )
    by_id = {organization.pk: organization for organization in organizations}
    return [
        DeskItem(
            organization=by_id[convener.pk],
            kind=gettext("Request to join a working group"),
            title=gettext("%(org)s asks to join “%(group)s”")
            % {"org": request.organization.name, "group": request.group.name},
            reason=gettext("Your organization convenes the group."),
            url=request.group.get_absolute_url() + "#requests",
        )
        for request in requests
        for convener in request.group.conveners.all()
        if convener.pk in ids
    ]
