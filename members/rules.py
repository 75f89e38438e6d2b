"""Who may do what with organizations and people. The only place that decides it."""

import rules
from django.db.models import Exists, OuterRef

from network.platform.cache import bump, versioned

from .enums import MembershipRole, OrganizationStatus, Visibility

# Seconds a cached answer lives at most. Writes bump the version at once, but a request that
# reads the new version before the write commits can cache the old rows under it; this bounds
# how long (as for cached pages).
CACHED_FOR = 300


# Version of everyone's roles in organizations; a membership or an organization's status
# changing bumps it (connect_signals).
ROLES = "members:roles"


def _roles(user):
    """The user's role in each organization, read once per request-bound user object, and
    cached across requests under the ROLES version."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_network_roles"):
        user._network_roles = versioned(
            ROLES,
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


# Version of everything that makes a role privileged; any write to it bumps the version, so
# a cached answer is never read after a role changes.
PRIVILEGE = "members:privileged"

# Roles that apps above members own (a project lead, a room moderator): each registers, in
# its AppConfig.ready(), a function giving an Exists() over its rows for a user reference,
# and the models whose writes change the answer. Members never imports those apps.
_privileged_roles = []


def register_privileged_role(*, exists, changed_by):
    """Make `exists(user_ref)` a privileged role (it needs a second factor) and bump the
    cached answers whenever a row of a model in `changed_by` is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    _privileged_roles.append(exists)
    for model in changed_by:
        for signal in (post_save, post_delete):
            signal.connect(
                _privilege_changed,
                sender=model,
                dispatch_uid=f"privilege-{model._meta.label}-{signal}",
            )


def _privilege_changed(**kwargs):
    bump(PRIVILEGE)


@rules.predicate
def holds_a_privileged_role(user):
    """Staff, anyone who can open the Wagtail admin (editors), or anyone holding a role an app
    registered (a room moderator, a project lead). Asked on every signed-in request, so the
    answer is cached per person under the version of the rows it reads; without the cache,
    one query."""
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
    from django.contrib.auth.models import Permission

    from .models import User

    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    roles = Exists(admin_access.filter(user=OuterRef("pk"))) | Exists(
        admin_access.filter(group__user=OuterRef("pk"))
    )
    for exists in _privileged_roles:
        roles |= exists(OuterRef("pk"))
    return User.objects.filter(pk=user.pk).filter(roles).exists()


def _roles_changed(**kwargs):
    bump(ROLES)


def connect_signals():
    """Cached answers follow the writes that change them: roles in organizations (a
    membership, an organization's status) and admin access given to a person or a group."""
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Membership, Organization, User

    for model in (Membership, Organization):
        for signal in (post_save, post_delete):
            signal.connect(
                _roles_changed, sender=model, dispatch_uid=f"roles-{model.__name__}-{signal}"
            )
    for signal in (post_save, post_delete):
        signal.connect(_privilege_changed, sender=Group, dispatch_uid=f"privilege-group-{signal}")
    for through in (User.user_permissions.through, User.groups.through, Group.permissions.through):
        m2m_changed.connect(
            _privilege_changed, sender=through, dispatch_uid=f"privilege-{through.__name__}"
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
# Everyone whose profile is for members only (people_visible_to lists them).
rules.add_perm("members.view_members_only_people", is_network_member | is_staff)
