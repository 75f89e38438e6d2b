"""Every write to research projects, their teams, partners, requests and outputs."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from members.models import Organization, User
from members.selectors import name_shown_to
from network.discussions.selectors import room_for
from network.discussions.services import (
    room_member_add,
    room_member_remove,
    room_moderator_remove,
)
from network.platform.email import email_on_commit
from network.platform.services import absolute_url, service_save, unique_slug

from .enums import (
    OPEN_TO_JOIN,
    TRANSITIONS,
    GapFill,
    JoinRequestStatus,
    PartnerStatus,
    ProjectRole,
    ProjectStatus,
)
from .models import (
    JoinRequest,
    OpenRole,
    OutputClosesGap,
    PartnerOrganization,
    ProjectMember,
    ProjectNotification,
    ProjectOutput,
    ProjectStatusChange,
    ResearchProject,
)

# Paths under /projects/ that a project's slug must never shadow.
RESERVED_SLUGS = {"new", "mine", "notifications"}

EDITABLE_FIELDS = (
    "title",
    "summary",
    "research_questions",
    "methodology",
    "countries",
    "themes",
    "lead_organization",
    "lead_committed",
    "planned_start",
    "planned_end",
    "informed_consent",
    "child_safeguarding",
    "no_personal_data",
    "ethics_review_body",
    "contact_details",
    "internal_notes",
)
# What the secretariat alone keeps: where a seeded project's facts come from.
CURATED_FIELDS = ("source_document", "source_quote")


def _notify_on_commit(*, users, project, subject, template, context):
    """Tell people on the site now and by email after commit: a rolled-back write notifies
    nobody, because the notification rows roll back with it and the email is never queued.
    `subject` may be a function of the person told, when it names someone they may not see."""
    users = [user for user in users if user is not None]
    ProjectNotification.objects.bulk_create(
        ProjectNotification(
            user=user,
            project=project,
            text=(subject(user) if callable(subject) else subject)[:300],
        )
        for user in users
    )
    email_on_commit(
        to=users,
        subject=subject,
        template=template,
        context={**context, "project": project, "url": absolute_url(project.get_absolute_url())},
    )


def _leads(project):
    return [
        member.user
        for member in project.members.filter(role=ProjectRole.LEAD).select_related("user")
    ]


def _check_lead_organization(user, organization):
    if (
        organization is None
        or not user.memberships.in_member_organizations().filter(organization=organization).exists()
    ):
        raise ValidationError(
            {
                "lead_organization": "You can only lead a project for a member organization "
                "you belong to."
            }
        )


def _locked(project):
    return ResearchProject.objects.select_for_update().get(pk=project.pk)


def _set_links(project, *, by, priorities=None, gaps=None):
    """Link the project to agenda priorities and data gaps (None leaves a list as it is).
    An active project claims the open or stale gaps it takes on."""
    if priorities is not None:
        project.priorities.set(list(priorities))
    if gaps is not None:
        gaps = list(gaps)
        added = {gap.pk for gap in gaps} - set(project.gaps.values_list("pk", flat=True))
        project.gaps.set(gaps)
        if project.status == ProjectStatus.ACTIVE and added:
            _claim_gaps(project, by=by, gap_ids=added)


def _claim_gaps(project, *, by, gap_ids=None):
    """Claim the project's open or stale gaps: they become "being addressed"."""
    from network.gaps.enums import GapStatus
    from network.gaps.services import gap_claim

    gaps = project.gaps.filter(status__in=[GapStatus.OPEN, GapStatus.STALE]).order_by("pk")
    if gap_ids is not None:
        gaps = gaps.filter(pk__in=gap_ids)
    for gap in gaps:
        gap_claim(gap=gap, project=project, by=by)


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
) -> ResearchProject:
    """Create a project as a draft led by the proposer's organization, with the roles it is
    looking for (dicts of title, skills, countries, duration).

    Side effects: makes the proposer the project's lead; records the first status change.
    """
    _check_lead_organization(user, lead_organization)
    project = ResearchProject(
        title=title.strip(),
        summary=summary,
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
            project=project, to_status=ProjectStatus.DRAFT, by=user, reason="Drafted."
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
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    project = _locked(project)
    new_lead = fields.get("lead_organization")
    if new_lead is not None and new_lead.pk != project.lead_organization_id:
        _check_lead_organization(by, new_lead)
    for field, value in fields.items():
        setattr(project, field, value)
    project.updated_at = timezone.now()
    service_save(project)
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
        raise ValidationError("Choose one of the statuses offered.")
    target = ProjectStatus(to_status)
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(s.label.lower() for s in TRANSITIONS[current]) or "nothing"
        raise ValidationError(
            f"A {current.label.lower()} project cannot become {target.label.lower()}; "
            f"it can become: {allowed}."
        )
    if target == ProjectStatus.ACTIVE and project.ethics_missing:
        raise ValidationError(
            "Before the project can become active, complete the ethics checklist: "
            + "; ".join(project.ethics_missing)
            + "."
        )
    if target == ProjectStatus.DISCONTINUED and not reason.strip():
        raise ValidationError({"reason": "Say why the project is discontinued."})
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


@transaction.atomic
def project_member_update(
    *,
    member: ProjectMember,
    by: User,
    committed: str | None = None,
    role: str | None = None,
) -> ProjectMember:
    """A team member says what they commit; a lead may also make a member a co-lead or
    step a lead back to member, as long as the project keeps at least one lead.

    Side effects: none.
    """
    member = ProjectMember.objects.select_for_update().select_related("project").get(pk=member.pk)
    project = _locked(member.project)
    by_lead = by.has_perm("projects.manage_team", project)
    if member.user_id != by.pk and not by_lead:
        raise ValidationError("Only the person themselves or a lead can change this.")
    if committed is not None:
        member.committed = committed.strip()
    if role is not None and role != member.role:
        if not by_lead:
            raise ValidationError("Only a lead can change someone's role on the team.")
        if role not in ProjectRole.values:
            raise ValidationError("Choose lead or member.")
        if (
            member.role == ProjectRole.LEAD
            and project.members.filter(role=ProjectRole.LEAD).count() == 1
        ):
            raise ValidationError("A project needs at least one lead: name another lead first.")
        member.role = role
    return service_save(member)


@transaction.atomic
def project_member_remove(*, member: ProjectMember, by: User) -> None:
    """A lead takes a person off the team, or a member leaves it; a project keeps one lead.

    Side effects: the person leaves the project's room; after commit their open sockets
    there close.
    """
    member = ProjectMember.objects.select_for_update().select_related("project").get(pk=member.pk)
    project = _locked(member.project)
    if member.user_id != by.pk and not by.has_perm("projects.manage_team", project):
        raise ValidationError("Only the person themselves or a lead can do this.")
    if (
        member.role == ProjectRole.LEAD
        and project.members.filter(role=ProjectRole.LEAD).count() == 1
    ):
        raise ValidationError("A project needs at least one lead: name another lead first.")
    member.delete()
    room = room_for(project)
    if room is not None:
        room_member_remove(room=room, user=member.user)
        room_moderator_remove(room=room, user=member.user)


@transaction.atomic
def open_role_add(
    *,
    project: ResearchProject,
    by: User,
    title: str,
    skills: str = "",
    countries: list[str] | None = None,
    duration: str = "",
) -> OpenRole:
    """Announce that the project is looking for someone. Side effects: none."""
    if project.status in (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED):
        raise ValidationError("A closed project does not recruit.")
    return service_save(
        OpenRole(
            project=project,
            title=title.strip(),
            skills=skills,
            countries=countries or [],
            duration=duration.strip(),
        )
    )


@transaction.atomic
def open_role_set_filled(*, role: OpenRole, by: User, is_filled: bool) -> OpenRole:
    """Mark an open role filled (or open again). Side effects: none."""
    role = OpenRole.objects.select_for_update().get(pk=role.pk)
    role.is_filled = is_filled
    return service_save(role)


@transaction.atomic
def join_request_create(
    *,
    project: ResearchProject,
    user: User,
    message: str = "",
    role: OpenRole | None = None,
) -> JoinRequest:
    """Ask to join a project's team.

    Side effects: notifies the project's leads on the site and by email after commit.
    """
    project = _locked(project)
    if project.status not in OPEN_TO_JOIN:
        raise ValidationError(
            f"This project is not taking requests to join: it is {project.get_status_display()}."
        )
    if project.members.filter(user=user).exists():
        raise ValidationError("You are already on this project's team.")
    # Open to join and not on the team: what the rule still asks is membership of the network.
    if not user.has_perm("projects.join_project", project):
        raise ValidationError(
            "Only people from a member organization of the network can join projects."
        )
    if project.join_requests.filter(user=user, status=JoinRequestStatus.PENDING).exists():
        raise ValidationError(
            "You have already asked to join this project. Wait for the leads' answer, "
            "or withdraw your request first."
        )
    if role is not None and (role.project_id != project.pk or role.is_filled):
        raise ValidationError({"role": "That role is not open on this project."})
    join_request = service_save(JoinRequest(project=project, user=user, role=role, message=message))
    _notify_on_commit(
        users=_leads(project),
        project=project,
        subject=lambda recipient: (
            f"{capfirst(name_shown_to(recipient, user))} asks to join {project.title}"
        ),
        template="projects/email/join_request_received.txt",
        context={"join_request": join_request, "applicant": user},
    )
    return join_request


@transaction.atomic
def join_request_decide(
    *, join_request: JoinRequest, by: User, accept: bool, note: str = ""
) -> JoinRequest:
    """Accept or decline a request to join; only the project's leads decide.

    Side effects: an accepted applicant joins the team as a member; the applicant is
    notified on the site and by email after commit.
    """
    join_request = (
        JoinRequest.objects.select_for_update()
        .select_related("project", "user")
        .get(pk=join_request.pk)
    )
    project = join_request.project
    if not by.has_perm("projects.manage_team", project):
        raise ValidationError("Only the project's leads can decide on requests to join.")
    if join_request.status == JoinRequestStatus.WITHDRAWN:
        raise ValidationError(
            f"{join_request.user.name} withdrew this request; it can no longer be decided."
        )
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError("This request has already been decided.")
    if accept and project.members.filter(user=join_request.user).exists():
        raise ValidationError(f"{join_request.user.name} is already on the team.")
    join_request.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.note = note.strip()
    service_save(join_request)
    if accept:
        service_save(
            ProjectMember(project=project, user=join_request.user, role=ProjectRole.MEMBER)
        )
        room = room_for(project)
        if room is not None:
            room_member_add(room=room, user=join_request.user)
    verb = "accepted" if accept else "declined"
    _notify_on_commit(
        users=[join_request.user],
        project=project,
        subject=f"Your request to join {project.title} was {verb}",
        template="projects/email/join_request_decided.txt",
        context={"join_request": join_request, "accepted": accept},
    )
    return join_request


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, user: User) -> JoinRequest:
    """Withdraw one's own pending request. Side effects: none."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.user_id != user.pk:
        raise ValidationError("You can only withdraw your own request.")
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError("Only a pending request can be withdrawn.")
    join_request.status = JoinRequestStatus.WITHDRAWN
    return service_save(join_request)


def _spokespeople(organization):
    return [
        membership.user
        for membership in organization.memberships.spokespeople().select_related("user")
    ]


@transaction.atomic
def partner_invite(
    *,
    project: ResearchProject,
    by: User,
    organization: Organization,
    committed: str = "",
) -> PartnerOrganization:
    """Invite a member organization to take part as a partner.

    Side effects: notifies the organization's focal point and alternate on the site and by
    email after commit.
    """
    project = _locked(project)
    if not by.has_perm("projects.manage_team", project):
        raise ValidationError("Only the project's leads can invite partners.")
    if project.status == ProjectStatus.DRAFT:
        # A draft stays within its team: propose it before anyone outside hears of it.
        raise ValidationError("Propose the project to the network before inviting partners.")
    if project.status in (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED):
        raise ValidationError("A closed project does not take new partners.")
    if not organization.is_member:
        raise ValidationError({"organization": "Only member organizations can be partners."})
    if organization.pk == project.lead_organization_id:
        raise ValidationError({"organization": f"{organization.name} already leads the project."})
    partner = (
        PartnerOrganization.objects.select_for_update()
        .filter(project=project, organization=organization)
        .first()
    )
    if partner is not None and partner.status != PartnerStatus.DECLINED:
        raise ValidationError(
            {"organization": f"{organization.name} is already {partner.get_status_display()}."}
        )
    # A declined invitation may be renewed: the same row goes back to invited.
    partner = partner or PartnerOrganization(project=project, organization=organization)
    partner.status = PartnerStatus.INVITED
    partner.committed = committed.strip()
    partner.invited_by = by
    partner.invited_at = timezone.now()
    partner.decided_by = None
    partner.decided_at = None
    service_save(partner)
    _notify_on_commit(
        users=_spokespeople(organization),
        project=project,
        subject=f"{organization.name} is invited to partner in {project.title}",
        template="projects/email/partner_invited.txt",
        context={"partner": partner, "by": by},
    )
    return partner


@transaction.atomic
def partner_decide(
    *,
    partner: PartnerOrganization,
    by: User,
    accept: bool,
    committed: str | None = None,
) -> PartnerOrganization:
    """The invited organization's focal point (or alternate) answers for the organization.

    Side effects: notifies the project's leads on the site and by email after commit.
    """
    partner = (
        PartnerOrganization.objects.select_for_update()
        .select_related("project", "organization")
        .get(pk=partner.pk)
    )
    if not by.has_perm("projects.decide_partnership", partner):
        raise ValidationError(
            f"Only the focal point or alternate of {partner.organization.name} can answer."
        )
    if partner.status != PartnerStatus.INVITED:
        raise ValidationError("This invitation has already been answered.")
    partner.status = PartnerStatus.ACCEPTED if accept else PartnerStatus.DECLINED
    if committed is not None and committed.strip():
        partner.committed = committed.strip()
    partner.decided_by = by
    partner.decided_at = timezone.now()
    service_save(partner)
    verb = "accepted" if accept else "declined"
    _notify_on_commit(
        users=_leads(partner.project),
        project=partner.project,
        subject=f"{partner.organization.name} {verb} to partner in {partner.project.title}",
        template="projects/email/partner_decided.txt",
        context={"partner": partner, "accepted": accept},
    )
    return partner


@transaction.atomic
def output_add(
    *,
    project: ResearchProject,
    by: User,
    kind: str,
    title: str,
    version: str = "",
    document=None,
    link: str = "",
    description: str = "",
    closes_gaps=None,
    fills: str = GapFill.PARTLY,
) -> ProjectOutput:
    """Record something the project produced. Datasets are described by metadata only.
    The output may close some of the project's gaps, partly or fully.

    Side effects: each closed gap becomes partly filled or filled, with the output (and its
    project) as evidence and a history entry.
    """
    from network.gaps.services import gap_fill

    if project.status == ProjectStatus.DRAFT:
        raise ValidationError("Propose the project before adding outputs.")
    closes_gaps = list(closes_gaps or [])
    if closes_gaps:
        if fills not in GapFill.values:
            raise ValidationError(
                {"fills": "Say whether the output fills the gaps partly or fully."}
            )
        linked = set(project.gaps.values_list("pk", flat=True))
        foreign = [gap for gap in closes_gaps if gap.pk not in linked]
        if foreign:
            raise ValidationError(
                {
                    "closes_gaps": "An output can only close gaps its project addresses; "
                    "not linked to this project: "
                    + "; ".join(f"“{gap.title}”" for gap in foreign)
                    + "."
                }
            )
    output = service_save(
        ProjectOutput(
            project=project,
            kind=kind,
            title=title.strip(),
            version=version.strip(),
            document=document,
            link=link,
            description=description,
            added_by=by,
        )
    )
    evidence_title = f"{output} (output of the project “{project.title}”)"[:250]
    for gap in closes_gaps:
        service_save(OutputClosesGap(output=output, gap=gap, fills=fills))
        try:
            gap_fill(
                gap=gap,
                partly=fills == GapFill.PARTLY,
                evidence_title=evidence_title,
                by=by,
                url=output.link,
            )
        except ValidationError as error:
            raise ValidationError(
                {"closes_gaps": f"“{gap.title}”: " + " ".join(error.messages)}
            ) from error
    return output


@transaction.atomic
def notifications_mark_read(*, user: User) -> int:
    """Mark all of a person's project notifications read. Side effects: none."""
    return ProjectNotification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
