"""The team: joining, requests, members, partners and open roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.platform.messages import error_messages, form_errors_text
from network.platform.views import RAISE, form_saved, require_perm, run_service

from .. import services
from ..enums import ProjectStatus
from ..forms import (
    DecisionForm,
    JoinRequestForm,
    OpenRoleForm,
    PartnerDecisionForm,
    PartnerInviteForm,
    TeamMemberForm,
)
from ..models import JoinRequest, OpenRole, PartnerOrganization
from .common import (
    _project,
)


@login_required
@require_POST
def project_join(request, slug):
    project = _project(request, slug)
    form = JoinRequestForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(project)
    run_service(
        request,
        services.join_request_create,
        success=_("Your request is with the project's leads."),
        on_denied=RAISE,
        project=project,
        user=request.user,
        message=form.cleaned_data["message"],
        role=form.cleaned_data["role"],
    )
    return redirect(project)


@login_required
@require_POST
def join_request_decide(request, slug, pk):
    project = _project(request, slug)
    require_perm(request, "projects.manage_team", project)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user"), pk=pk, project=project
    )
    return _decide(
        request,
        DecisionForm(request.POST),
        services.join_request_decide,
        back=project,
        accepted=_("The request from %(name)s is accepted."),
        declined=_("The request from %(name)s is declined."),
        names={"name": join_request.user.name},
        join_request=join_request,
    )


@login_required
@require_POST
def join_request_withdraw(request, slug, pk):
    project = _project(request, slug)
    # Someone else's request does not exist for this person.
    join_request = get_object_or_404(JoinRequest, pk=pk, project=project, user=request.user)
    run_service(
        request,
        services.join_request_withdraw,
        success=_("Your request is withdrawn."),
        on_denied=RAISE,
        join_request=join_request,
        user=request.user,
    )
    return redirect("projects:mine" if request.POST.get("next") == "mine" else project)


@login_required
@require_POST
def team_member_update(request, slug, pk):
    project = _project(request, slug)
    member = get_object_or_404(project.members.select_related("user"), pk=pk)
    # Team members change what they commit; leads also change roles (checked in the service).
    if member.user_id != request.user.pk:
        require_perm(request, "projects.manage_team", project)
    form = TeamMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(project)
    run_service(
        request,
        services.project_member_update,
        success=_("The team entry for %(name)s is saved.") % {"name": member.user.name},
        on_denied=RAISE,
        member=member,
        by=request.user,
        committed=form.cleaned_data["committed"] if "committed" in request.POST else None,
        role=form.cleaned_data["role"] or None,
    )
    return redirect(project)


@login_required
def team_member_remove(request, slug, pk):
    """A lead takes someone off the team, or a member leaves it: asked on a page, done on POST."""
    project = _project(request, slug)
    member = get_object_or_404(project.members.select_related("user"), pk=pk)
    leaving = member.user_id == request.user.pk
    if not leaving:
        require_perm(request, "projects.manage_team", project)
    # A person who hides their profile is not named here either (as on the project page).
    name = (
        member.user.name
        if request.user.has_perm("members.view_person", member.user)
        else _("a researcher who keeps their profile private")
    )
    if request.method == "POST":
        if not run_service(
            request, services.project_member_remove, on_denied=RAISE, member=member, by=request.user
        ):
            return redirect(project)
        if not leaving:
            messages.success(
                request, _("%(name)s is no longer on the team.") % {"name": capfirst(name)}
            )
            return redirect(project)
        messages.success(request, _("You have left %(title)s.") % {"title": project.title})
        # A draft is seen only by its team: someone who left it could not open it any more.
        return redirect("projects:mine" if project.status == ProjectStatus.DRAFT else project)
    return render(
        request,
        "projects/team_member_remove.html",
        {"project": project, "member": member, "name": name, "leaving": leaving},
    )


@login_required
def partner_invite(request, slug):
    project = _project(request, slug)
    require_perm(request, "projects.manage_team", project)
    form = PartnerInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_invite(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            field = "organization" if getattr(error, "error_dict", None) else None
            form.add_error(field, error_messages(error))
        else:
            messages.success(
                request,
                _("%(organization)s is invited; its focal point will answer for the organization.")
                % {"organization": form.cleaned_data["organization"].name},
            )
            return redirect(project)
    return render(request, "projects/partner_invite.html", {"project": project, "form": form})


@login_required
@require_POST
def partner_decide(request, pk):
    partner = get_object_or_404(
        PartnerOrganization.objects.select_related("project", "organization"), pk=pk
    )
    if not request.user.has_perm("projects.decide_partnership", partner):
        # An invitation to another organization does not exist for this person.
        raise Http404("No such invitation.")
    return _decide(
        request,
        PartnerDecisionForm(request.POST),
        services.partner_decide,
        back="projects:mine",
        accepted=_("%(organization)s is now a partner in %(title)s."),
        declined=_("%(organization)s declined to partner in %(title)s."),
        names={"organization": partner.organization.name, "title": partner.project.title},
        partner=partner,
    )


def _decide(request, form, service, /, *, back, accepted, declined, names, **kwargs):
    """An answer (accept or decline) posted from a page it goes back to (`back`): the service
    gets `accept`, the form's other fields and `kwargs`; `accepted` or `declined`, filled with
    `names`, says it is done. A form without an answer changes nothing."""
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline."))
        return redirect(back)
    data = dict(form.cleaned_data)
    accept = data.pop("decision") == "accept"
    run_service(
        request,
        service,
        success=(accepted if accept else declined) % names,
        on_denied=RAISE,
        by=request.user,
        accept=accept,
        **kwargs,
        **data,
    )
    return redirect(back)


@login_required
def open_role_new(request, slug):
    project = _project(request, slug)
    require_perm(request, "projects.manage_team", project)
    form = OpenRoleForm(request.POST if request.method == "POST" else None)
    if form_saved(
        request,
        form,
        services.open_role_add,
        success=lambda _role: (
            _("The role “%(title)s” is open.") % {"title": form.cleaned_data["title"]}
        ),
        on_denied=RAISE,
        project=project,
    ):
        return redirect(project)
    return render(request, "projects/open_role_form.html", {"project": project, "form": form})


@login_required
@require_POST
def open_role_fill(request, slug, pk):
    project = _project(request, slug)
    require_perm(request, "projects.manage_team", project)
    role = get_object_or_404(OpenRole, pk=pk, project=project)
    filled = request.POST.get("filled") != "0"
    services.open_role_set_filled(role=role, by=request.user, is_filled=filled)
    done = (
        _("The role “%(title)s” is filled.") if filled else _("The role “%(title)s” is open again.")
    )
    messages.success(request, done % {"title": role.title})
    return redirect(project)
