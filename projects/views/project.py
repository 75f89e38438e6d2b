"""Projects: the list, a new project, its page, editing, status, outputs and my projects."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from network.discussions import services as discussion_services
from network.discussions.enums import RoomVisibility
from network.discussions.selectors import room_for
from network.platform.forms import filters_of
from network.platform.pagecache import cached_page
from network.platform.pagination import paginate
from network.platform.views import RAISE, form_saved, require_perm, run_service

from .. import selectors, services
from ..enums import TRANSITIONS, JoinRequestStatus, PartnerStatus, ProjectRole, ProjectStatus
from ..forms import (
    DecisionForm,
    FirstRoleForm,
    JoinRequestForm,
    OutputForm,
    PartnerDecisionForm,
    ProjectFilterForm,
    ProjectForm,
    TransitionForm,
)
from .common import (
    PAGE_SIZE,
    _project,
)


@cached_page(
    depends_on=["projects", "members", "agenda", "gaps"],
    perms=["projects.propose_project"],
    variant=lambda request: selectors.draft_ids_visible_to(request.user),
)
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    filters = filters_of(form)
    page, page_error, query = paginate(
        request, selectors.project_list(user=request.user, filters=filters), PAGE_SIZE
    )
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": bool(filters and any(filters.values())),
            "page_error": page_error,
            "can_propose": request.user.has_perm("projects.propose_project"),
        },
    )


@login_required
def project_new(request):
    require_perm(request, "projects.propose_project")
    lead_organizations = selectors.lead_organizations_for(request.user)
    form = ProjectForm(
        request.POST if request.method == "POST" else None, lead_organizations=lead_organizations
    )
    role_form = FirstRoleForm(request.POST if request.method == "POST" else None, prefix="role")
    if request.method == "POST" and form.is_valid() & role_form.is_valid():
        role = role_form.role()
        done = run_service(
            request,
            services.project_propose,
            success=_(
                "Your project is saved as a draft, visible only to its team. "
                "Propose it to the network when it is ready."
            ),
            on_denied=RAISE,
            form=form,
            user=request.user,
            open_roles=[role] if role else [],
            **form.cleaned_data,
        )
        if done:
            return redirect(done.result)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "role_form": role_form, "project": None},
    )


def project_detail(request, slug):
    project = _project(request, slug)
    user = request.user
    team = user.has_perm("projects.view_project_restricted", project)
    is_lead = user.has_perm("projects.manage_team", project)
    own_requests = (
        list(project.join_requests.filter(user=user).select_related("role"))
        if user.is_authenticated
        else []
    )
    pending_own = next((r for r in own_requests if r.status == JoinRequestStatus.PENDING), None)
    partners = [p for p in project.partners.all() if p.status == PartnerStatus.ACCEPTED]
    people = list(project.members.all())
    for member in people:
        # People who hide their profile stay hidden on project pages too.
        member.shown = user.has_perm("members.view_person", member.user)
    context = {
        "project": project,
        "team": team,
        "is_lead": is_lead,
        "can_edit": user.has_perm("projects.change_project", project),
        "can_transition": user.has_perm("projects.transition_project", project)
        and bool(TRANSITIONS[ProjectStatus(project.status)]),
        "can_join": user.has_perm("projects.join_project", project) and pending_own is None,
        "can_add_output": user.has_perm("projects.add_output", project),
        "pending_own": pending_own,
        "partners": partners,
        "invited_partners": [p for p in project.partners.all() if p.status != "accepted"],
        "people": people,
        "my_membership": next((m for m in people if m.user_id == user.pk), None),
        "open_roles": [r for r in project.open_roles.all() if not r.is_filled],
        "join_form": JoinRequestForm(project=project),
        "pending_requests": selectors.pending_join_requests(project) if is_lead else [],
        "decision_form": DecisionForm(),
        "discussion_room": room_for(project) if team else None,
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_POST
def project_discussion(request, slug):
    """The team's own room: only the team (and staff) see it; leads moderate it."""
    project = _project(request, slug)
    require_perm(request, "projects.view_project_restricted", project)
    team = list(project.members.select_related("user"))
    room = discussion_services.room_for_target(
        target=project,
        title=_("Project: %(title)s") % {"title": project.title},
        by=request.user,
        visibility=RoomVisibility.RESTRICTED,
        members=[m.user for m in team],
        moderators=[m.user for m in team if m.role == ProjectRole.LEAD],
    )
    return redirect("discussions:room", slug=room.slug)


@login_required
def project_edit(request, slug):
    project = _project(request, slug)
    require_perm(request, "projects.change_project", project)
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=project,
        lead_organizations=selectors.lead_organizations_for(request.user),
        initial={"themes": project.themes},
    )
    if form_saved(
        request,
        form,
        services.project_update,
        success=_("The project is saved."),
        on_denied=RAISE,
        project=project,
    ):
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def project_status(request, slug):
    project = _project(request, slug)
    require_perm(request, "projects.transition_project", project)
    allowed = TRANSITIONS[ProjectStatus(project.status)]
    form = TransitionForm(request.POST if request.method == "POST" else None, allowed=allowed)
    if form_saved(
        request,
        form,
        services.project_transition,
        success=lambda moved: (
            _("The project is now %(status)s.") % {"status": moved.get_status_display()}
        ),
        on_denied=RAISE,
        project=project,
    ):
        return redirect(project)
    return render(
        request,
        "projects/project_status.html",
        {"project": project, "form": form, "allowed": allowed},
    )


@login_required
def output_new(request, slug):
    project = _project(request, slug)
    require_perm(request, "projects.add_output", project)
    form = OutputForm(request.POST if request.method == "POST" else None, project=project)

    def listed(_output):
        closed = form.cleaned_data.get("closes_gaps") or []
        text = _("“%(title)s” is listed as an output.") % {"title": form.cleaned_data["title"]}
        if closed:
            text += " " + ngettext(
                "It closes %(count)s gap on the register.",
                "It closes %(count)s gaps on the register.",
                len(closed),
            ) % {"count": len(closed)}
        return text

    if form_saved(
        request, form, services.output_add, success=listed, on_denied=RAISE, project=project
    ):
        return redirect(project)
    return render(request, "projects/output_form.html", {"project": project, "form": form})


@login_required
def mine(request):
    user = request.user
    if request.method == "POST":
        services.notifications_mark_read(user=user)
        return redirect("projects:mine")
    context = {
        "projects": selectors.my_projects(user),
        "join_requests": selectors.my_join_requests(user),
        "invitations": selectors.partner_invitations_for(user),
        "notifications": selectors.notifications_for(user),
        "partner_form": PartnerDecisionForm(),
    }
    return render(request, "projects/mine.html", context)
