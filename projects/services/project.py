"""Proposing a project, changing it, and moving it through its statuses."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Organization, User
from network.platform.languages import content_language
from network.platform.services import check_fields, service_save, service_update, unique_slug

from ..enums import (
    TRANSITIONS,
    ProjectRole,
    ProjectStatus,
)
from ..models import (
    ProjectMember,
    ProjectStatusChange,
    ResearchProject,
)
from .common import (
    CURATED_FIELDS,
    EDITABLE_FIELDS,
    RESERVED_SLUGS,
    _check_lead_organization,
    _claim_gaps,
    _locked,
    _set_links,
)
from .team import open_role_add


@transaction.atomic
def project_propose(
    *,
    user: User,
    title: str,
    summary: str,
    lead_organization: Organization,
    research_questions: str = "",
    methodology: str = "",
    countries: list[str] | None = None,
    themes: list[str] | None = None,
    lead_committed: str = "",
    planned_start: date | None = None,
    planned_end: date | None = None,
    informed_consent: bool = False,
    child_safeguarding: bool = False,
    no_personal_data: bool = False,
    ethics_review_body: str = "",
    contact_details: str = "",
    internal_notes: str = "",
    open_roles: list[dict] | None = None,
    priorities=None,
    gaps=None,
    language: str = "",
) -> ResearchProject:
    """Create a project as a draft led by the proposer's organization, with the roles it is
    looking for (dicts of title, skills, countries, duration). `language` is the language its
    text is written in; left empty, the proposer's active language.

    Side effects: makes the proposer the project's lead; records the first status change.
    """
    _check_lead_organization(user, lead_organization)
    project = ResearchProject(
        title=title.strip(),
        summary=summary,
        language=content_language(language),
        research_questions=research_questions,
        methodology=methodology,
        countries=countries or [],
        themes=list(themes or []),
        lead_organization=lead_organization,
        lead_committed=lead_committed,
        planned_start=planned_start,
        planned_end=planned_end,
        informed_consent=informed_consent,
        child_safeguarding=child_safeguarding,
        no_personal_data=no_personal_data,
        ethics_review_body=ethics_review_body.strip(),
        contact_details=contact_details,
        internal_notes=internal_notes,
        created_by=user,
        status=ProjectStatus.DRAFT,
    )
    project.slug = unique_slug(
        project.title, queryset=ResearchProject.objects, fallback="project", reserved=RESERVED_SLUGS
    )
    service_save(project)
    _set_links(project, by=user, priorities=priorities, gaps=gaps)
    service_save(ProjectMember(project=project, user=user, role=ProjectRole.LEAD))
    service_save(
        ProjectStatusChange(
            project=project, to_status=ProjectStatus.DRAFT, by=user, reason=_("Drafted.")
        )
    )
    for role in open_roles or []:
        open_role_add(project=project, by=user, **role)
    return project


@transaction.atomic
def project_update(
    *, project: ResearchProject, by: User, priorities=None, gaps=None, **fields
) -> ResearchProject:
    """Change a project's description, plan, ethics checklist, team-only fields and the
    priorities and gaps it addresses.

    Side effects: an active project claims the open or stale gaps newly linked to it.
    """
    allowed = set(EDITABLE_FIELDS)
    if by.has_perm("projects.curate_project"):
        allowed |= set(CURATED_FIELDS)
    check_fields(fields, allowed=allowed)
    project = _locked(project)
    new_lead = fields.get("lead_organization")
    if new_lead is not None and new_lead.pk != project.lead_organization_id:
        _check_lead_organization(by, new_lead)
    service_update(project, fields, stamp=True, keep_language=True)
    _set_links(project, by=by, priorities=priorities, gaps=gaps)
    return project


@transaction.atomic
def project_transition(
    *, project: ResearchProject, by: User, to_status: str, reason: str = ""
) -> ResearchProject:
    """Move a project to its next status.

    Side effects: records who, when and why in the status history; a project becoming
    active claims its open or stale gaps (they become "being addressed", with a history
    entry naming the project).
    """
    project = _locked(project)
    current = ProjectStatus(project.status)
    if to_status not in ProjectStatus.values:
        raise ValidationError(_("Choose one of the statuses offered."))
    target = ProjectStatus(to_status)
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(s.label.lower() for s in TRANSITIONS[current]) or _("nothing")
        raise ValidationError(
            _("A %(current)s project cannot become %(target)s; it can become: %(allowed)s.")
            % {
                "current": current.label.lower(),
                "target": target.label.lower(),
                "allowed": allowed,
            }
        )
    if target == ProjectStatus.ACTIVE and project.ethics_missing:
        raise ValidationError(
            _("Before the project can become active, complete the ethics checklist: %(missing)s.")
            % {"missing": "; ".join(project.ethics_missing)}
        )
    if target == ProjectStatus.DISCONTINUED and not reason.strip():
        raise ValidationError({"reason": _("Say why the project is discontinued.")})
    project.status = target
    project.updated_at = timezone.now()
    service_save(project)
    service_save(
        ProjectStatusChange(
            project=project,
            from_status=current,
            to_status=target,
            by=by,
            reason=reason.strip(),
        )
    )
    if target == ProjectStatus.ACTIVE:
        _claim_gaps(project, by=by)
    return project
