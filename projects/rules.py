"""Who may do what with research projects. The only place that decides it.

Checked with user.has_perm everywhere; members.User.has_perm defers to these rules for
superusers too, so a draft stays within its team (staff curate through these rules)."""

import rules

from members.enums import MembershipRole
from members.rules import is_network_member, is_staff

from .enums import OPEN_TO_JOIN, ProjectRole, ProjectStatus


def _project_roles(user):
    """The user's role on each project, read once per request-bound user object."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_project_roles"):
        user._project_roles = dict(user.project_memberships.values_list("project_id", "role"))
    return user._project_roles


@rules.predicate
def is_project_team(user, project):
    return project is not None and project.pk in _project_roles(user)


@rules.predicate
def is_project_lead(user, project):
    return project is not None and _project_roles(user).get(project.pk) == ProjectRole.LEAD


@rules.predicate
def is_project_author(user, project):
    return (
        project is not None
        and user.is_authenticated
        and project.created_by_id is not None
        and project.created_by_id == user.pk
    )


@rules.predicate
def project_is_published(user, project):
    return project is not None and project.status != ProjectStatus.DRAFT


@rules.predicate
def project_is_open_to_join(user, project):
    return project is not None and project.status in OPEN_TO_JOIN


@rules.predicate
def project_is_open(user, project):
    """Not yet completed or discontinued."""
    return project is not None and project.status not in (
        ProjectStatus.COMPLETED,
        ProjectStatus.DISCONTINUED,
    )


@rules.predicate
def speaks_for_partner(user, partner):
    """The focal point or alternate of the invited organization."""
    if partner is None or not user.is_authenticated:
        return False
    if not hasattr(user, "_org_roles_for_partners"):
        user._org_roles_for_partners = dict(user.memberships.values_list("organization_id", "role"))
    return user._org_roles_for_partners.get(partner.organization_id) in (
        MembershipRole.FOCAL_POINT,
        MembershipRole.ALTERNATE,
    )


in_project = is_project_team | is_project_author

rules.add_perm("projects.view_project", project_is_published | in_project | is_staff)
rules.add_perm("projects.view_project_restricted", in_project | is_staff)
# The secretariat sees every project, drafts included (selectors.projects_visible_to).
rules.add_perm("projects.view_every_project", is_staff)
rules.add_perm("projects.curate_project", is_staff)
rules.add_perm("projects.propose_project", is_network_member)
rules.add_perm("projects.change_project", is_project_lead | is_staff)
rules.add_perm("projects.transition_project", is_project_lead | is_staff)
rules.add_perm("projects.manage_team", is_project_lead)
rules.add_perm(
    "projects.join_project",
    is_network_member & project_is_open_to_join & ~is_project_team,
)
rules.add_perm("projects.add_output", is_project_team & project_is_published)
rules.add_perm("projects.decide_partnership", speaks_for_partner)
