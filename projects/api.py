"""API: research projects — read with the list page's filters (drafts only for their team;
team-only fields never), ask to join with a personal token."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status
from pydantic import Field

from members.models import Organization
from network.platform.api import (
    COUNTRY,
    InputSchema,
    PageParams,
    contract,
    export_of,
    fields_of,
    found_or_404,
    page_of,
)
from network.platform.api import page_schema as _page

from . import selectors, services
from .enums import ProjectStatus, ProjectTheme
from .models import OpenRole, PartnerOrganization

router = Router()


class OpenRoleOut(Schema):
    id: int
    title: str
    skills: str
    duration: str


class ProjectOut(Schema):
    """Public fields only: contact details, internal notes and requests to join stay on the
    team's page."""

    slug: str
    title: str
    summary: str
    language: str = Field(description="Language the text is written in (a language code)")
    research_questions: str
    methodology: str
    status: str
    themes: list[str]
    countries: list[str]
    lead_organization: str = Field(description="Organization slug")
    partners: list[str] = Field(description="Slugs of the accepted partner organizations")
    planned_start: date | None
    planned_end: date | None
    open_roles: list[OpenRoleOut] = Field(description="Roles not yet filled")
    url: str
    created_at: datetime


class ProjectFilters(Schema):
    status: ProjectStatus | None = None
    theme: ProjectTheme | None = None
    country: str | None = Field(None, pattern=COUNTRY, description="ISO 3166 code")
    organization: str | None = Field(
        None, max_length=80, description="Slug of the lead or an accepted partner organization"
    )
    has_open_roles: bool = False


class JoinRequestIn(InputSchema):
    message: str = Field("", max_length=2000)
    role: int | None = Field(None, ge=1, le=2_147_483_647, description="Open role id")


class JoinRequestOut(Schema):
    project: str
    role: int | None
    status: str


ProjectPage = _page(ProjectOut, "ProjectPage")
CSV_COLUMNS = [c for c in ProjectOut.model_fields if c != "open_roles"] + ["open_role_titles"]


def _projects(user, filters):
    data = {
        "status": filters.status.value if filters.status else None,
        "theme": filters.theme.value if filters.theme else None,
        "country": filters.country.upper() if filters.country else None,
        "open_roles": filters.has_open_roles,
    }
    if filters.organization:
        organization = Organization.objects.members().filter(slug=filters.organization).first()
        if organization is None:
            # Like any other filter that matches nothing: an empty list, not an error.
            return selectors.project_list(user=user, filters={}).none()
        data["organization"] = organization
    return selectors.project_list(user=user, filters=data).prefetch_related(
        Prefetch("open_roles", queryset=OpenRole.objects.filter(is_filled=False)),
        Prefetch(
            "partners",
            queryset=PartnerOrganization.objects.filter(status="accepted").select_related(
                "organization"
            ),
        ),
    )


def _project(request, project):
    return {
        **fields_of(
            project,
            "slug",
            "title",
            "summary",
            "language",
            "research_questions",
            "methodology",
            "status",
        ),
        "themes": list(project.themes),
        "countries": [str(c) for c in project.countries],
        "lead_organization": project.lead_organization.slug,
        "partners": sorted(p.organization.slug for p in project.partners.all()),
        "planned_start": project.planned_start,
        "planned_end": project.planned_end,
        "open_roles": [
            {"id": r.pk, "title": r.title, "skills": r.skills, "duration": r.duration}
            for r in project.open_roles.all()
        ],
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "created_at": project.created_at,
    }


def _csv_row(row):
    return {**row, "open_role_titles": [r["title"] for r in row["open_roles"]]}


@router.get("", **contract(ProjectPage), summary="List research projects")
def project_list(request, filters: Query[ProjectFilters], page: Query[PageParams]):
    """The same filters as /projects/. Drafts appear only to their team."""
    return page_of(_projects(request.auth, filters), page, item=lambda p: _project(request, p))


@router.get("/export.csv", summary="Research projects as CSV", **contract(csv=True))
def project_export(request, filters: Query[ProjectFilters]):
    return export_of(
        _projects(request.auth, filters),
        CSV_COLUMNS,
        "projects.csv",
        item=lambda p: _csv_row(_project(request, p)),
    )


def _one(user, slug):
    return found_or_404(
        _projects(user, ProjectFilters()).filter(slug=slug).first(), gettext("No such project.")
    )


@router.get("/{slug}", **contract(ProjectOut, found=True), summary="One research project")
def project_detail(request, slug: str):
    return _project(request, _one(request.auth, slug))


@router.post(
    "/{slug}/join-requests",
    **contract(JoinRequestOut, status=201, write=True, found=True),
    summary="Ask to join a project's team",
)
def project_join(request, slug: str, payload: JoinRequestIn):
    """Needs a token. The same rule as the project page: people from member organizations,
    not yet on the team, while the project is recruiting or active."""
    user = request.auth
    project = _one(user, slug)
    if not user.has_perm("projects.join_project", project):
        raise PermissionDenied(
            gettext(
                "You cannot ask to join this project: it takes requests from people of member "
                "organizations who are not on its team, while it is recruiting or active."
            )
        )
    role = None
    if payload.role is not None:
        role = project.open_roles.filter(pk=payload.role).first()
        if role is None:
            raise ValidationError({"role": gettext("That role is not open on this project.")})
    join_request = services.join_request_create(
        project=project, user=user, message=payload.message, role=role
    )
    return Status(
        201,
        {"project": project.slug, "role": join_request.role_id, "status": join_request.status},
    )
