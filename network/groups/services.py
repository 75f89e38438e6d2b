"""Every write to working groups: proposing, approving and closing a group, organizations
asking to join, conveners answering, organizations leaving, and the secretariat's edits."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Membership, Organization
from network.discussions import events as discussion_events
from network.platform.email import email_on_commit
from network.platform.services import (
    absolute_url,
    check_fields,
    check_slug,
    service_save,
    unique_slug,
)

from .enums import HOLDS_A_PLACE, TRANSITIONS, GroupStatus, MembershipStatus
from .models import GroupMembership, WorkingGroup

User = get_user_model()

# Paths of the groups app that a group's slug would shadow.
RESERVED_SLUGS = {"propose", "requests"}


def _lock(group):
    return WorkingGroup.objects.select_for_update().get(pk=group.pk)


def _check_member_organization(organization, field="organization"):
    if organization is None or not organization.is_member:
        raise ValidationError(
            {field: _("Only member organizations of the network take part in working groups.")}
        )


def _transition(group, to_status, by):
    if to_status not in TRANSITIONS[group.status]:
        raise ValidationError(
            _("A group that is “%(from)s” cannot become “%(to)s”.")
            % {"from": group.get_status_display(), "to": GroupStatus(to_status).label}
        )
    group.status, group.decided_by, group.decided_at = to_status, by, timezone.now()
    return service_save(group)


def _spokespeople(organizations):
    """The focal points and alternates of these organizations: they speak for them."""
    return (
        Membership.objects.spokespeople()
        .filter(organization__in=organizations)
        .order_by("organization__name", "pk")
        .users()
    )


def _tell_conveners(membership):
    """Each convening organization's focal point and alternate, one email each, in their
    language; those who chose a digest read the request there (it is on their desk)."""
    group, organization = membership.group, membership.organization
    email_on_commit(
        to=_spokespeople(group.conveners.all()),
        subject=lambda recipient: (
            _("%(org)s asks to join “%(group)s”") % {"org": organization.name, "group": group.name}
        ),
        template="groups/email/join_requested.txt",
        context={
            "group": group,
            "organization": organization,
            "note": membership.note,
            "url": absolute_url(group.get_absolute_url() + "#requests"),
        },
    )


ANSWERS = {
    MembershipStatus.MEMBER: gettext_lazy("accepted"),
    MembershipStatus.DECLINED: gettext_lazy("declined"),
}


def _tell_the_asking_organization(membership):
    """The asking organization's focal point and alternate learn the answer, one email each."""
    group = membership.group
    email_on_commit(
        to=_spokespeople([membership.organization]),
        subject=lambda recipient: (
            _("Your request to join “%(group)s”: %(answer)s")
            % {"group": group.name, "answer": ANSWERS[membership.status]}
        ),
        template="groups/email/join_decided.txt",
        context={
            "group": group,
            "organization": membership.organization,
            "accepted": membership.status == MembershipStatus.MEMBER,
            "url": absolute_url(group.get_absolute_url()),
        },
    )


def _join(group, organization, *, by, requested_by=None):
    """Make `organization` a member now (a pending request of its own becomes the membership)."""
    membership = (
        GroupMembership.objects.select_for_update()
        .filter(group=group, organization=organization, status__in=HOLDS_A_PLACE)
        .first()
    ) or GroupMembership(group=group, organization=organization, requested_by=requested_by or by)
    if membership.status == MembershipStatus.MEMBER and membership.pk:
        return membership
    membership.status, membership.joined_at, membership.decided_by = (
        MembershipStatus.MEMBER, timezone.now(), by,
    )  # fmt: skip
    return service_save(membership)


@transaction.atomic
def group_propose(
    *, by: User, name: str, organization: Organization, mandate: str = ""
) -> WorkingGroup:
    """Propose a standing working group, convened by one of the proposer's organizations.

    Any person of a member organization may; the secretariat approves it (group_approve).
    Side effects: the organization is the group's first convener and member organization.
    """
    if not by.has_perm("groups.propose_group"):
        raise PermissionDenied(_("Only people of the network's member organizations propose "
                                 "working groups."))  # fmt: skip
    _check_member_organization(organization)
    if not Membership.objects.filter(user=by, organization=organization).exists():
        raise ValidationError(
            {"organization": _("You can propose a group only for an organization you belong to.")}
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    group = service_save(
        WorkingGroup(
            name=name,
            slug=unique_slug(
                name, queryset=WorkingGroup.objects, fallback="group", reserved=RESERVED_SLUGS
            ),
            mandate=mandate.strip(),
            proposed_by=by,
        )
    )
    group.conveners.set([organization])
    _join(group, organization, by=by)
    return group


@transaction.atomic
def group_create(
    *, by: User, name: str, slug: str = "", mandate: str = "", conveners=(), **links
) -> WorkingGroup:
    """The secretariat sets up a group in the Wagtail admin: proposed, like any other, until
    approved. Side effects: its convening organizations become its first members."""
    if not by.has_perm("groups.decide_group"):
        raise PermissionDenied(_("Only the secretariat sets up groups here."))
    if slug:
        check_slug(slug, reserved=RESERVED_SLUGS)
    group = service_save(
        WorkingGroup(
            name=name.strip(),
            slug=slug
            or unique_slug(
                name, queryset=WorkingGroup.objects, fallback="group", reserved=RESERVED_SLUGS
            ),
            mandate=mandate.strip(),
            proposed_by=by,
        )
    )
    return _set_links(group, by=by, conveners=conveners, **links)


LINKS = {"events", "sessions", "publications", "decisions", "priorities", "gaps"}


def _set_links(group, *, by, conveners, **links):
    check_fields(links, allowed=LINKS)
    conveners = list(conveners)
    if not conveners:
        raise ValidationError(
            {"conveners": _("A group needs at least one convening organization.")}
        )
    for organization in conveners:
        _check_member_organization(organization, field="conveners")
    group.conveners.set(conveners)
    for organization in conveners:
        _join(group, organization, by=by)
    for name, values in links.items():
        getattr(group, name).set(values)
    return group


@transaction.atomic
def group_update(
    *, group: WorkingGroup, by: User, name: str, slug: str, mandate: str = "", conveners=(),
    **links,
) -> WorkingGroup:  # fmt: skip
    """The secretariat edits a group: its name, mandate, conveners and what it links to.
    Side effects: new convening organizations become members of the group."""
    if not by.has_perm("groups.decide_group"):
        raise PermissionDenied(_("Only the secretariat edits groups here."))
    group = _lock(group)
    if slug != group.slug:
        check_slug(slug, reserved=RESERVED_SLUGS)
    group.name, group.slug, group.mandate = name.strip(), slug, mandate.strip()
    service_save(group)
    return _set_links(group, by=by, conveners=conveners, **links)


@transaction.atomic
def group_approve(*, group: WorkingGroup, by: User) -> WorkingGroup:
    """Staff approve a proposed group, or confirm that a seeded group whose status the sources
    do not state is active: it becomes active and public. Side effects: records who approved
    it and when."""
    if not by.has_perm("groups.decide_group"):
        raise PermissionDenied(_("Only the secretariat approves working groups."))
    return _transition(_lock(group), GroupStatus.ACTIVE, by)


@transaction.atomic
def group_close(*, group: WorkingGroup, by: User) -> WorkingGroup:
    """Staff close a group (or turn a proposal down): it takes no new members; its page, rooms
    and records stay. Side effects: pending requests are declined, and the asking
    organizations' focal points and alternates are emailed so."""
    if not by.has_perm("groups.decide_group"):
        raise PermissionDenied(_("Only the secretariat closes working groups."))
    group = _transition(_lock(group), GroupStatus.CLOSED, by)
    for membership in group.memberships.pending().select_related("organization"):
        membership.status, membership.decided_by = MembershipStatus.DECLINED, by
        _tell_the_asking_organization(service_save(membership))
    return group


@transaction.atomic
def group_join_request(
    *, group: WorkingGroup, organization: Organization, by: User, note: str = ""
) -> GroupMembership:
    """An organization asks, through its focal point or alternate, to join an active group.

    Side effects: the request waits on the desks of the convening organizations, and after
    commit their focal points and alternates are emailed.
    """
    group = _lock(group)
    if not by.has_perm("groups.ask_to_join", group):
        raise ValidationError(_("This group does not take new members."))
    _check_member_organization(organization)
    if not by.has_perm("groups.speak_for", organization):
        raise PermissionDenied(
            _("Only the organization's focal point or alternate asks for it to join.")
        )
    held = group.memberships.filter(organization=organization).exclude(
        status__in=[MembershipStatus.DECLINED, MembershipStatus.LEFT]
    )
    if held.filter(status=MembershipStatus.MEMBER).exists():
        raise ValidationError(
            _("%(org)s is already a member of this group.") % {"org": organization}
        )
    if held.exists():
        raise ValidationError(
            _("%(org)s has already asked to join; a convener will answer.") % {"org": organization}
        )
    membership = service_save(
        GroupMembership(group=group, organization=organization, requested_by=by, note=note.strip())
    )
    _tell_conveners(membership)
    return membership


@transaction.atomic
def group_join_decide(*, membership: GroupMembership, by: User, accept: bool) -> GroupMembership:
    """A convening organization's spokesperson (or staff) accepts or declines a request.

    Side effects: accepted, the organization's people see the group's restricted rooms; after
    commit the organization's focal point and alternate are emailed the answer.
    """
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if not by.has_perm("groups.decide_join", membership.group):
        raise PermissionDenied(_("Only the group's conveners answer requests to join."))
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("This request has already been answered."))
    if not accept:
        membership.status, membership.decided_by = MembershipStatus.DECLINED, by
        membership = service_save(membership)
    else:
        _check_member_organization(membership.organization)
        membership = _join(membership.group, membership.organization, by=by)
    _tell_the_asking_organization(membership)
    return membership


@transaction.atomic
def group_leave(*, group: WorkingGroup, organization: Organization, by: User) -> GroupMembership:
    """An organization leaves a group, by its spokesperson's say or the secretariat's.

    Side effects: it stops convening; after commit, its people's sockets in the group's rooms
    re-check access.
    """
    group = _lock(group)
    if not by.has_perm("groups.leave_for", organization):
        raise PermissionDenied(_("Only the organization's focal point or alternate does this."))
    membership = group.memberships.current().filter(organization=organization).first()
    if membership is None:
        raise ValidationError(_("%(org)s is not a member of this group.") % {"org": organization})
    conveners = set(group.conveners.values_list("pk", flat=True))
    if conveners == {organization.pk}:
        raise ValidationError(
            _("%(org)s is the group's only convener: the secretariat names another first.")
            % {"org": organization}
        )
    group.conveners.remove(organization)
    membership.status, membership.left_at = MembershipStatus.LEFT, timezone.now()
    service_save(membership)
    discussion_events.access_changed_on_commit(
        Membership.objects.filter(organization=organization).values_list("user_id", flat=True)
    )
    return membership
