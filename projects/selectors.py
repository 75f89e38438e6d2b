"""Shared reads for research projects, with visibility applied in one place."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from network.platform.cache import app_version, versioned
from network.platform.queries import row_count

from .enums import JoinRequestStatus, PartnerStatus, ProjectRole, ProjectStatus
from .models import (
    JoinRequest,
    OpenRole,
    PartnerOrganization,
    ProjectMember,
    ProjectNotification,
    ResearchProject,
)


def projects_visible_to(user):
    """Drafts are seen by their team (and the secretariat); everything else by everyone."""
    projects = ResearchProject.objects.all()
    if user.has_perm("projects.view_every_project"):
        return projects
    visible = ~Q(status=ProjectStatus.DRAFT)
    if user.is_authenticated:
        # The person's teams as a subquery, not a join: no row repeats, and a list page can
        # walk the projects newest first and stop at the page's end (a join ranked every
        # project and team row first: 24 ms of a signed-in /projects/ on the xlarge network).
        # (By id only, as the search index filters.)
        teams = ProjectMember.objects.filter(user=user).values("project_id")
        created = ResearchProject.objects.filter(created_by=user).values("pk")
        visible |= Q(pk__in=teams) | Q(pk__in=created)
    return projects.filter(visible)


def projects_of_people(viewer, person_ids):
    """{person id: [projects the viewer may see with that person on the team]}, by title, in
    one query (members.selectors.people_involvements asks it for the people directory)."""
    found = {}
    rows = (
        ProjectMember.objects.filter(
            user_id__in=person_ids, project__in=projects_visible_to(viewer)
        )
        .select_related("project")
        .order_by("project__title", "project__pk")
    )
    for row in rows:
        found.setdefault(row.user_id, []).append(row.project)
    return found


def draft_ids_visible_to(user):
    """The drafts a person sees beyond everyone's view: their teams' (staff see all drafts,
    which their viewer class already says). Pages cached per kind of viewer vary by it."""
    if not user.is_authenticated or user.has_perm("projects.view_every_project"):
        return ()

    def compute():
        drafts = ResearchProject.objects.filter(status=ProjectStatus.DRAFT)
        visible = drafts.filter(Q(members__user=user) | Q(created_by=user))
        return tuple(sorted(set(visible.values_list("pk", flat=True))))

    # Asked on every signed-in view of a cached list: kept until the next write to projects.
    return versioned(app_version("projects"), f"drafts-of:{user.pk}", compute, 3600)


def project_list(*, user, filters=None):
    """Visible projects, newest first, filtered by status, theme, country, organization and
    open roles."""
    filters = filters or {}
    open_roles = OpenRole.objects.filter(project=OuterRef("pk"), is_filled=False)
    projects = (
        projects_visible_to(user)
        .select_related("lead_organization")
        .annotate(
            # A count per row, not Count() over a join: the GROUP BY made PostgreSQL
            # aggregate every visible project before taking one page of them.
            open_role_count=row_count(open_roles),
        )
        .order_by("-created_at", "-pk")
    )
    if status := filters.get("status"):
        projects = projects.filter(status=status)
    if theme := filters.get("theme"):
        # Theme values are never substrings of each other (see enums), so this is exact.
        projects = projects.filter(themes__icontains=theme)
    if country := filters.get("country"):
        # Codes are two letters joined by commas, so a substring match is exact.
        projects = projects.filter(countries__contains=country)
    if organization := filters.get("organization"):
        projects = projects.filter(
            Q(lead_organization=organization)
            | Q(
                pk__in=PartnerOrganization.objects.filter(
                    organization=organization, status=PartnerStatus.ACCEPTED
                ).values("project_id")
            )
        )
    if filters.get("open_roles"):
        projects = projects.filter(Exists(open_roles))
    if priority := filters.get("priority"):
        projects = projects.filter(
            pk__in=ResearchProject.priorities.through.objects.filter(
                researchpriority=priority
            ).values("researchproject_id")
        )
    if gap := filters.get("gap"):
        projects = projects.filter(
            pk__in=ResearchProject.gaps.through.objects.filter(datagap=gap).values(
                "researchproject_id"
            )
        )
    return projects


def projects_addressing(*, user, gap=None, priority=None):
    """The projects the user may see that address a gap or an agenda priority: one query,
    whatever their number. Drafts show only to their team."""
    projects = projects_visible_to(user).select_related("lead_organization")
    if gap is not None:
        projects = projects.filter(
            pk__in=ResearchProject.gaps.through.objects.filter(datagap=gap).values(
                "researchproject_id"
            )
        )
    if priority is not None:
        projects = projects.filter(
            pk__in=ResearchProject.priorities.through.objects.filter(
                researchpriority=priority
            ).values("researchproject_id")
        )
    return projects.order_by("title", "pk")


def projects_by_priority(*, user, priorities):
    """{priority pk: [visible projects addressing it]} for a set of priorities, in one query.
    For an anonymous user (as for a public download) drafts never appear."""
    links = ResearchProject.priorities.through.objects.filter(
        researchpriority_id__in=[p.pk for p in priorities],
        researchproject_id__in=projects_visible_to(user).values("pk"),
    ).select_related("researchproject__lead_organization")
    grouped = {}
    for link in links.order_by("researchproject__title", "researchproject_id"):
        grouped.setdefault(link.researchpriority_id, []).append(link.researchproject)
    return grouped


def project_detail(*, slug, user):
    """A project the user may see, with its team, partners, roles, outputs and history;
    None when it does not exist for this user."""
    return (
        projects_visible_to(user)
        .filter(slug=slug)
        .select_related("lead_organization", "created_by")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ProjectMember.objects.select_related("user").order_by(
                    "role", "joined_at", "pk"
                ),
            ),
            Prefetch(
                "partners",
                queryset=PartnerOrganization.objects.select_related("organization"),
            ),
            "open_roles",
            Prefetch("priorities", queryset=_priorities()),
            Prefetch("gaps", queryset=_gaps()),
            Prefetch("outputs", queryset=_outputs()),
            Prefetch("status_changes", queryset=_history()),
        )
        .first()
    )


def _outputs():
    from .models import OutputClosesGap, ProjectOutput

    return ProjectOutput.objects.select_related("document").prefetch_related(
        Prefetch("gap_links", queryset=OutputClosesGap.objects.select_related("gap"))
    )


def _priorities():
    from network.agenda.models import ResearchPriority

    return ResearchPriority.objects.order_by("title")


def _gaps():
    from network.gaps.models import DataGap

    return DataGap.objects.order_by("title")


def _history():
    from .models import ProjectStatusChange

    return ProjectStatusChange.objects.select_related("by")


def pending_join_requests(project):
    return project.join_requests.filter(status=JoinRequestStatus.PENDING).select_related(
        "user", "role"
    )


def my_projects(user):
    return (
        ResearchProject.objects.filter(members__user=user)
        .select_related("lead_organization")
        .annotate(
            pending_request_count=Count(
                "join_requests",
                filter=Q(join_requests__status=JoinRequestStatus.PENDING),
                distinct=True,
            )
        )
        .order_by("-created_at", "-pk")
    )


def my_join_requests(user):
    return (
        JoinRequest.objects.filter(user=user)
        .select_related("project", "role")
        .order_by("-created_at", "-pk")[:50]
    )


def partner_invitations_for(user):
    """Invitations waiting for an organization the user speaks for."""
    organizations = user.memberships.spokespeople().values("organization_id")
    return (
        PartnerOrganization.objects.filter(
            organization_id__in=organizations, status=PartnerStatus.INVITED
        )
        .select_related("project", "organization", "invited_by")
        .order_by("invited_at", "pk")
    )


def notifications_for(user):
    return ProjectNotification.objects.filter(user=user).select_related("project")[:20]


def lead_organizations_for(user):
    """The member organizations a person may lead a project for."""
    from members.models import Organization

    return Organization.objects.members().of(user)


def desk_items(*, user, organizations):
    """For the desk: partner invitations to the organizations, join requests to projects the
    person leads, and the person's own pending join requests. Three queries."""
    from django.utils.translation import gettext as _

    from network.desk.registry import DeskItem

    items = [
        DeskItem(
            organization=invitation.organization,
            kind=_("Partner invitation"),
            title=invitation.project.title,
            reason=_("Your organization is invited to take part in this project."),
            url=invitation.project.get_absolute_url(),
        )
        for invitation in PartnerOrganization.objects.filter(
            organization__in=organizations, status=PartnerStatus.INVITED
        ).select_related("project", "organization")
    ]
    led = ProjectMember.objects.filter(user=user, role=ProjectRole.LEAD).values("project_id")
    items += [
        DeskItem(
            organization=None,
            kind=_("Join request"),
            title=request.project.title,
            reason=_("%(person)s asks to join a project you lead.") % {"person": request.user},
            url=request.project.get_absolute_url(),
        )
        for request in JoinRequest.objects.filter(
            project_id__in=led, status=JoinRequestStatus.PENDING
        ).select_related("project", "user")
    ]
    items += [
        DeskItem(
            organization=None,
            kind=_("Your join request"),
            title=request.project.title,
            reason=_("Waiting for the project's leads."),
            url=request.project.get_absolute_url(),
        )
        for request in JoinRequest.objects.filter(
            user=user, status=JoinRequestStatus.PENDING
        ).select_related("project")
    ]
    return items
