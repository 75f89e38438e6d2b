from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.platform.forms import filters_of
from network.platform.messages import error_messages, form_errors_text
from network.platform.pagecache import cached_page
from network.platform.pagination import paginate
from network.platform.views import RAISE, form_saved, found_or_404, require_perm, run_service

from . import selectors, services
from .enums import InvitationStatus, OrganizationStatus, RequestStatus
from .forms import (
    AlternateForm,
    ApiTokenForm,
    DirectoryFilterForm,
    InvitationForm,
    MembershipDecisionForm,
    MembershipRequestForm,
    OrganizationForm,
    PeopleFilterForm,
    ProfileForm,
)
from .models import Organization, User

PAGE_SIZE = 24
PEOPLE_PAGE_SIZE = 20


def _member_organization(slug):
    return get_object_or_404(Organization.objects.members(), slug=slug)


@cached_page(depends_on=["members"])
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = filters_of(form)
    organizations = selectors.organization_list(filters=filters)
    page, page_error, query = paginate(request, organizations, PAGE_SIZE)
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": bool(filters and any(filters.values())),
            "page_error": page_error,
        },
    )


def people(request):
    """/people/: the resource persons the viewer may see, with what they work on and where.
    Not page-cached: what a person sees depends on the projects they are in."""
    form = PeopleFilterForm(request.GET or None)
    filters = filters_of(form)
    listed = selectors.person_directory(viewer=request.user, filters=filters)
    page, page_error, query = paginate(request, listed, PEOPLE_PAGE_SIZE)
    page.object_list = selectors.people_involvements(page.object_list, viewer=request.user)
    return render(
        request,
        "members/people.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": bool(filters and any(filters.values())),
            "page_error": page_error,
        },
    )


def organization_detail(request, slug):
    organization = found_or_404(
        selectors.organization_detail(slug=slug, viewer=request.user),
        "No such member organization.",
    )
    user = request.user
    context = {
        "organization": organization,
        "focal_points": [m for m in organization.visible_memberships if m.role != "member"],
        "colleagues": [m for m in organization.visible_memberships if m.role == "member"],
        "can_edit": user.has_perm("members.change_organization", organization),
        "can_join": user.has_perm("members.request_membership", organization),
        "join_form": MembershipRequestForm(),
        "pending_request": user.is_authenticated
        and organization.membership_requests.filter(
            user=user, status=RequestStatus.PENDING
        ).exists(),
    }
    return render(request, "members/organization_detail.html", context)


@login_required
def organization_edit(request, slug):
    organization = _member_organization(slug)
    require_perm(request, "members.change_organization", organization)
    form = OrganizationForm(
        request.POST if request.method == "POST" else None, instance=organization
    )
    if form_saved(
        request,
        form,
        services.organization_update,
        success=_("The organization's profile is saved."),
        on_denied=RAISE,
        to_fields=True,
        data=lambda form: {
            "organization": Organization.objects.get(pk=organization.pk),
            **form.cleaned_data,
        },
    ):
        return redirect(organization)
    return render(
        request, "members/organization_edit.html", {"organization": organization, "form": form}
    )


@login_required
def organization_invite(request, slug):
    organization = _member_organization(slug)
    require_perm(request, "members.invite_to_organization", organization)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organization=organization, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            form.add_error("email" if hasattr(error, "error_dict") else None, error_messages(error))
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("members:invite", slug=slug)
    invitations = organization.invitations.filter(status=InvitationStatus.PENDING)
    return render(
        request,
        "members/organization_invite.html",
        {"organization": organization, "form": form, "invitations": invitations},
    )


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organization = _member_organization(slug)
    require_perm(request, "members.invite_to_organization", organization)
    invitation = get_object_or_404(organization.invitations, pk=pk)
    run_service(
        request,
        services.invitation_revoke,
        success=_("The invitation to %(email)s is withdrawn.") % {"email": invitation.email},
        on_denied=RAISE,
        invitation=invitation,
        by=request.user,
    )
    return redirect("members:invite", slug=slug)


@login_required
def organization_requests(request, slug):
    organization = _member_organization(slug)
    require_perm(request, "members.decide_membership_request", organization)
    if request.method == "POST":
        form = MembershipDecisionForm(request.POST, organization=organization)
        if not form.is_valid():
            messages.error(
                request, _("That request is no longer pending, or no decision was chosen.")
            )
        else:
            join_request = form.cleaned_data["request"]
            approve = form.cleaned_data["decision"] == "approve"
            done = (
                _("The request from %(name)s is approved.")
                if approve
                else _("The request from %(name)s is declined.")
            )
            run_service(
                request,
                services.membership_request_decide,
                success=done % {"name": join_request.user.name},
                on_denied=RAISE,
                request=join_request,
                by=request.user,
                approve=approve,
            )
        return redirect("members:requests", slug=slug)
    pending = organization.membership_requests.filter(status=RequestStatus.PENDING).select_related(
        "user"
    )
    alternate_form = (
        AlternateForm(organization=organization)
        if request.user.has_perm("members.name_alternate", organization)
        else None
    )
    return render(
        request,
        "members/organization_requests.html",
        {
            "organization": organization,
            "pending": pending,
            "alternate_form": alternate_form,
            "focal_points": selectors.focal_points(organization),
        },
    )


@login_required
@require_POST
def organization_alternate(request, slug):
    organization = _member_organization(slug)
    require_perm(request, "members.name_alternate", organization)
    form = AlternateForm(request.POST, organization=organization)
    if not form.is_valid():
        messages.error(request, _("Choose one of the organization's members as alternate."))
    else:
        run_service(
            request,
            services.alternate_name,
            success=_("%(name)s is now the alternate focal point.")
            % {"name": form.cleaned_data["user"].name},
            on_denied=RAISE,
            organization=organization,
            user=form.cleaned_data["user"],
            by=request.user,
        )
    return redirect("members:requests", slug=slug)


@login_required
@require_POST
def organization_join(request, slug):
    organization = _member_organization(slug)
    form = MembershipRequestForm(request.POST)
    if not request.user.has_perm("members.request_membership", organization):
        messages.error(
            request, _("You are already a member of %(name)s.") % {"name": organization.name}
        )
    elif not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        run_service(
            request,
            services.membership_request_create,
            success=_("Your request is with %(name)s's focal point.") % {"name": organization.name},
            on_denied=RAISE,
            user=request.user,
            organization=organization,
            message=form.cleaned_data["message"],
        )
    return redirect(organization)


@login_required
def apply(request):
    require_perm(request, "members.apply_for_organization", None)
    form = OrganizationForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.organization_apply,
            success=lambda organization: (
                _(
                    "Thank you. The network secretariat will review the application for "
                    "%(name)s and tell you by email."
                )
                % {"name": organization.name}
            ),
            on_denied=RAISE,
            form=form,
            to_fields=True,
            user=request.user,
            **form.cleaned_data,
        )
    ):
        return redirect("members:profile")
    return render(request, "members/apply.html", {"form": form})


def invitation(request, token):
    found = services.invitation_for_token(token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        accepted = run_service(
            request,
            services.invitation_accept,
            success=lambda membership: (
                _("Welcome to %(name)s.") % {"name": membership.organization.name}
            ),
            on_denied=RAISE,
            token=token,
            user=request.user,
        )
        if accepted:
            return redirect(accepted.result.organization)
    return render(request, "members/invitation.html", {"invitation": found})


def person(request, pk):
    person = get_object_or_404(User, pk=pk)
    if not request.user.has_perm("members.view_person", person):
        # Hidden or members-only people do not exist for those who may not see them.
        raise Http404("No such person.")
    memberships = person.memberships.in_member_organizations().select_related("organization")
    return render(
        request,
        "members/person.html",
        {"person": person, "memberships": memberships, "expertise": person.expertise.all()},
    )


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=user)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            services.profile_update,
            success=_("Your profile is saved."),
            on_denied=RAISE,
            form=form,
            to_fields=True,
            user=User.objects.get(pk=user.pk),
            **form.cleaned_data,
        )
    ):
        return redirect("members:profile")
    context = {
        "form": form,
        "memberships": user.memberships.select_related("organization"),
        "applications": Organization.objects.filter(applied_by=user).exclude(
            status=OrganizationStatus.MEMBER
        ),
        "requests": user.membership_requests.filter(status=RequestStatus.PENDING).select_related(
            "organization"
        ),
        "tokens": user.network_api_tokens.all(),
        "token_form": ApiTokenForm(),
    }
    return render(request, "members/profile.html", context)


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        created = run_service(
            request,
            services.token_create,
            on_denied=RAISE,
            user=request.user,
            name=form.cleaned_data["name"],
        )
        if created:
            token, raw = created.result
            # Rendered, not redirected: the raw token must never sit in a message cookie.
            response = render(request, "members/token_created.html", {"token": token, "raw": raw})
            response["Cache-Control"] = "no-store"
            return response
    else:
        messages.error(request, _("Give the token a name (80 characters at most)."))
    return redirect("members:profile")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.network_api_tokens, pk=pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(
        request, _("The token “%(name)s” is revoked; it no longer works.") % {"name": token.name}
    )
    return redirect("members:profile")
