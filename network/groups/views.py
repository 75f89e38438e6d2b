"""Working group pages: the list, a group's page with its join, leave and answer forms, and
proposing a group. Thin: a form parses, the rules decide, one service writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members.models import Organization
from network.discussions.markdown import render as render_markdown
from network.platform.pagination import paginate
from network.platform.views import RAISE, TELL, form_saved, found_or_404, run_service

from . import selectors, services
from .enums import GroupStatus
from .forms import DecideForm, OrganizationForm, ProposeForm, StatusForm
from .models import GroupMembership

PAGE_SIZE = 25


def group_list(request):
    page, page_error, query = paginate(request, selectors.group_list(user=request.user), PAGE_SIZE)
    return render(
        request,
        "groups/group_list.html",
        {
            "page": page,
            "page_error": page_error,
            "query": query,
            "can_propose": request.user.has_perm("groups.propose_group"),
        },
    )


def _group(request, slug):
    return found_or_404(
        selectors.group_detail(slug=slug, user=request.user), _("No such working group.")
    )


def group_detail(request, slug, *, join_form=None, leave_form=None):
    group = _group(request, slug)
    user = request.user
    may_join = Organization.objects.none()
    may_leave = Organization.objects.none()
    if user.is_authenticated:
        if group.status == GroupStatus.ACTIVE:
            may_join = selectors.organizations_that_may_join(group=group, user=user)
        may_leave = selectors.organizations_that_may_leave(group=group, user=user)
    can_decide = user.has_perm("groups.decide_join", group)
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "mandate_html": render_markdown(group.mandate) if group.mandate else "",
            "members": selectors.member_organizations(group),
            "rooms": selectors.rooms_of(group=group, user=user),
            "takes_part": user.has_perm("groups.view_member_content", group),
            "pending": selectors.pending_requests(group) if can_decide else [],
            "can_decide": can_decide,
            "can_change_status": user.has_perm("groups.decide_group"),
            "join_form": join_form
            or (OrganizationForm(organizations=may_join) if may_join.exists() else None),
            "leave_form": leave_form
            or (
                OrganizationForm(organizations=may_leave, with_note=False)
                if may_leave.exists()
                else None
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_propose(request):
    if not request.user.has_perm("groups.propose_group"):
        raise PermissionDenied(
            _("Only people of the network's member organizations propose groups.")
        )
    organizations = Organization.objects.members().of(request.user)
    form = ProposeForm(
        request.POST if request.method == "POST" else None, organizations=organizations
    )
    proposed = form_saved(
        request,
        form,
        services.group_propose,
        success=_("Proposed. The secretariat will look at it."),
        on_denied=RAISE,
        to_fields=True,
    )
    if proposed:
        return redirect(proposed.result)
    return render(request, "groups/group_form.html", {"form": form})


@login_required
@require_POST
def group_join(request, slug):
    return _organization_acts(
        request,
        slug,
        may=selectors.organizations_that_may_join,
        form_name="join_form",
        service=services.group_join_request,
        success=_("Asked. The group's conveners will answer."),
    )


@login_required
@require_POST
def group_leave(request, slug):
    return _organization_acts(
        request,
        slug,
        may=selectors.organizations_that_may_leave,
        form_name="leave_form",
        service=services.group_leave,
        success=_("Your organization has left the group."),
        with_note=False,
    )


def _organization_acts(request, slug, *, may, form_name, service, success, **form_kwargs):
    """One of the person's organizations joins or leaves the group: the choices are those
    `may(group=, user=)` returns; a wrong choice shows the group's page with the form (as
    `form_name`), a refusal is said there."""
    group = _group(request, slug)
    organizations = may(group=group, user=request.user)
    form = OrganizationForm(request.POST, organizations=organizations, **form_kwargs)
    if not form.is_valid():
        return group_detail(request, slug, **{form_name: form})
    run_service(
        request,
        service,
        success=success,
        on_denied=TELL,
        group=group,
        by=request.user,
        **form.cleaned_data,
    )
    return redirect(group)


def _decide(request, group, form, *, invalid, choices):
    """A one-button decision on a group (a convener's answer, the secretariat's status): the
    form names the choice, `choices` maps it to (service, its arguments, what to say when it
    is done). An unknown choice or a refusal is said on the group's page; nothing changes."""
    if not form.is_valid():
        messages.error(request, invalid)
        return redirect(group)
    service, arguments, success = choices[next(iter(form.cleaned_data.values()))]
    run_service(request, service, success=success, on_denied=RAISE, by=request.user, **arguments)
    return redirect(group)


@login_required
@require_POST
def group_join_decide(request, pk):
    membership = get_object_or_404(GroupMembership.objects.select_related("group"), pk=pk)
    group = membership.group
    if not request.user.has_perm("groups.decide_join", group):
        raise PermissionDenied(_("Only the group's conveners answer requests to join."))
    answer = {"membership": membership}
    return _decide(
        request,
        group,
        DecideForm(request.POST),
        invalid=_("Accept or decline the request."),
        choices={
            "accept": (
                services.group_join_decide,
                {**answer, "accept": True},
                _("Accepted: the organization is a member."),
            ),
            "decline": (services.group_join_decide, {**answer, "accept": False}, _("Declined.")),
        },
    )


@login_required
@require_POST
def group_status(request, slug):
    group = _group(request, slug)
    if not request.user.has_perm("groups.decide_group"):
        raise PermissionDenied(_("Only the secretariat approves and closes groups."))
    return _decide(
        request,
        group,
        StatusForm(request.POST),
        invalid=_("Approve or close the group."),
        choices={
            "approve": (services.group_approve, {"group": group}, _("The group is active.")),
            "close": (services.group_close, {"group": group}, _("The group is closed.")),
        },
    )
