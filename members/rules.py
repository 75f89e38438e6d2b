"""Who may do what with organizations and people. The only place that decides it."""

import rules
from django.db.models import Exists, OuterRef

from network.cache import app_version, bump, versioned

from .enums import MembershipRole, OrganizationStatus, Visibility

# Seconds a cached answer lives at most. Writes bump the version at once, but a request that
# reads the new version before the write commits can cache the old rows under it; this bounds
# how long (as for cached pages).
CACHED_FOR = 300


def _roles(user):
    """The user's role in each organization, read once per request-bound user object, and
    cached across requests under the members app's version (any write to it bumps that)."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_network_roles"):
        user._network_roles = versioned(
            app_version("members"),
            f"roles:{user.pk}",
            lambda: {
                org_id: (role, status)
                for org_id, role, status in user.memberships.values_list(
                    "organization_id", "role", "organization__status"
                )
            },
            CACHED_FOR,
        )
    return user._network_roles


def _role_in(user, organization):
    if organization is None:
        return None
    entry = _roles(user).get(organization.pk)
    return entry[0] if entry else None


@rules.predicate
def is_focal_point_of(user, organization):
    return _role_in(user, organization) == MembershipRole.FOCAL_POINT


@rules.predicate
def is_alternate_of(user, organization):
    return _role_in(user, organization) == MembershipRole.ALTERNATE


@rules.predicate
def is_member_of(user, organization):
    return _role_in(user, organization) is not None


@rules.predicate
def is_network_member(user):
    """Belongs to at least one admitted member organization."""
    return any(status == OrganizationStatus.MEMBER for _, status in _roles(user).values())


@rules.predicate
def is_admitted(user, organization):
    return organization is not None and organization.status == OrganizationStatus.MEMBER


@rules.predicate
def is_self(user, person):
    return person is not None and user.is_authenticated and user.pk == person.pk


@rules.predicate
def person_is_public(user, person):
    return person is not None and person.is_active and person.visibility == Visibility.PUBLIC


@rules.predicate
def person_is_for_members(user, person):
    return person is not None and person.is_active and person.visibility == Visibility.MEMBERS


# Version of everything that makes a role privileged; any write to it bumps the version
# (connect_privilege_signals), so a cached answer is never read after a role changes.
PRIVILEGE = "members:privileged"


@rules.predicate
def holds_a_privileged_role(user):
    """Staff, anyone who can open the Wagtail admin (editors), a room moderator or a project
    lead. Asked on every signed-in request, so the answer is cached per person under the
    version of the rows it reads; without the cache, one query."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if not hasattr(user, "_privileged"):
        user._privileged = versioned(
            PRIVILEGE, str(user.pk), lambda: _privileged_query(user), CACHED_FOR
        )
    return user._privileged


def _privileged_query(user):
    # Imported here: projects and discussions import this module.
    from django.contrib.auth.models import Permission

    from network.discussions.models import RoomModerator
    from projects.enums import ProjectRole
    from projects.models import ProjectMember

    from .models import User

    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return (
        User.objects.filter(pk=user.pk)
        .filter(
            Exists(ProjectMember.objects.filter(user=OuterRef("pk"), role=ProjectRole.LEAD))
            | Exists(RoomModerator.objects.filter(user=OuterRef("pk")))
            | Exists(admin_access.filter(user=OuterRef("pk")))
            | Exists(admin_access.filter(group__user=OuterRef("pk")))
        )
        .exists()
    )


def connect_privilege_signals():
    """Who is privileged changes with project roles, room moderators, and admin access given
    to a person or a group (or a group given to a person): each bumps the version."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from network.discussions.models import RoomModerator
    from projects.models import ProjectMember

    from .models import User

    def changed(**kwargs):
        bump(PRIVILEGE)

    for model in (ProjectMember, RoomModerator, Group):
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, weak=False, dispatch_uid=f"privilege-{model}-{signal}"
            )
    for through in (User.user_permissions.through, User.groups.through, Group.permissions.through):
        m2m_changed.connect(
            changed, sender=through, weak=False, dispatch_uid=f"privilege-{through}"
        )


is_staff = rules.is_staff
manages_organization = is_focal_point_of | is_alternate_of | is_staff

rules.add_perm("members.apply_for_organization", rules.is_authenticated)
rules.add_perm("members.change_organization", manages_organization)
rules.add_perm("members.invite_to_organization", manages_organization & is_admitted)
rules.add_perm("members.decide_membership_request", manages_organization)
# Naming the alternate is the focal point's call (or the secretariat's when there is none).
rules.add_perm("members.name_alternate", (is_focal_point_of | is_staff) & is_admitted)
rules.add_perm("members.request_membership", rules.is_authenticated & is_admitted & ~is_member_of)
rules.add_perm("members.review_application", is_staff)
# Who must sign in with a second factor (members.middleware.TwoFactorRequiredMiddleware).
rules.add_perm("members.needs_mfa", holds_a_privileged_role)
# Hidden people are seen by nobody but themselves, staff included: the site never lists them.
rules.add_perm(
    "members.view_person",
    is_self | person_is_public | (person_is_for_members & (is_network_member | is_staff)),
)
