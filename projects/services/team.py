"""The team: members, open roles and requests to join."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from members.models import User
from members.selectors import name_shown_to
from network.discussions.selectors import room_for
from network.discussions.services import (
    room_member_add,
    room_member_remove,
    room_moderator_remove,
)
from network.platform.services import service_save

from ..enums import (
    OPEN_TO_JOIN,
    JoinRequestStatus,
    ProjectRole,
    ProjectStatus,
)
from ..models import (
    JoinRequest,
    OpenRole,
    ProjectMember,
    ResearchProject,
)
from .common import (
    _leads,
    _locked,
    _notify_on_commit,
)


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
        raise ValidationError(_("Only the person themselves or a lead can change this."))
    if committed is not None:
        member.committed = committed.strip()
    if role is not None and role != member.role:
        if not by_lead:
            raise ValidationError(_("Only a lead can change someone's role on the team."))
        if role not in ProjectRole.values:
            raise ValidationError(_("Choose lead or member."))
        if (
            member.role == ProjectRole.LEAD
            and project.members.filter(role=ProjectRole.LEAD).count() == 1
        ):
            raise ValidationError(_("A project needs at least one lead: name another lead first."))
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
        raise ValidationError(_("Only the person themselves or a lead can do this."))
    if (
        member.role == ProjectRole.LEAD
        and project.members.filter(role=ProjectRole.LEAD).count() == 1
    ):
        raise ValidationError(_("A project needs at least one lead: name another lead first."))
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
        raise ValidationError(_("A closed project does not recruit."))
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
            _("This project is not taking requests to join: it is %(status)s.")
            % {"status": project.get_status_display()}
        )
    if project.members.filter(user=user).exists():
        raise ValidationError(_("You are already on this project's team."))
    # Open to join and not on the team: what the rule still asks is membership of the network.
    if not user.has_perm("projects.join_project", project):
        raise ValidationError(
            _("Only people from a member organization of the network can join projects.")
        )
    if project.join_requests.filter(user=user, status=JoinRequestStatus.PENDING).exists():
        raise ValidationError(
            _(
                "You have already asked to join this project. Wait for the leads' answer, "
                "or withdraw your request first."
            )
        )
    if role is not None and (role.project_id != project.pk or role.is_filled):
        raise ValidationError({"role": _("That role is not open on this project.")})
    join_request = service_save(JoinRequest(project=project, user=user, role=role, message=message))
    _notify_on_commit(
        users=_leads(project),
        project=project,
        subject=lambda recipient: (
            _("%(person)s asks to join %(title)s")
            % {"person": capfirst(name_shown_to(recipient, user)), "title": project.title}
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
        raise ValidationError(_("Only the project's leads can decide on requests to join."))
    if join_request.status == JoinRequestStatus.WITHDRAWN:
        raise ValidationError(
            _("%(name)s withdrew this request; it can no longer be decided.")
            % {"name": join_request.user.name}
        )
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if accept and project.members.filter(user=join_request.user).exists():
        raise ValidationError(
            _("%(name)s is already on the team.") % {"name": join_request.user.name}
        )
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
    subject = (
        _("Your request to join %(title)s was accepted")
        if accept
        else _("Your request to join %(title)s was declined")
    )
    _notify_on_commit(
        users=[join_request.user],
        project=project,
        subject=subject % {"title": project.title},
        template="projects/email/join_request_decided.txt",
        context={"join_request": join_request, "accepted": accept},
    )
    return join_request


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, user: User) -> JoinRequest:
    """Withdraw one's own pending request. Side effects: none."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.user_id != user.pk:
        raise ValidationError(_("You can only withdraw your own request."))
    if join_request.status != JoinRequestStatus.PENDING:
        raise ValidationError(_("Only a pending request can be withdrawn."))
    join_request.status = JoinRequestStatus.WITHDRAWN
    return service_save(join_request)
