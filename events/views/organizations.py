"""An organization's own page for an event with a per-organization quota: its focal point or
alternate approves or declines the registrations that await it, with the places used."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from members.models import Organization
from network.platform.messages import form_errors_text
from network.platform.views import RAISE, run_service

from .. import selectors, services
from ..enums import RegistrationStatus
from ..forms import OrganizationDecisionForm


def _said(approve):
    def text(registration):
        template = (
            _("Approved: %(person)s's registration is now “%(status)s”.")
            if approve
            else _("Declined: %(person)s is told by email.")
        )
        return template % {
            "person": registration.user.name,
            "status": registration.get_status_display(),
        }

    return text


def organization_registrations(request, page, organization):
    """GET: the organization's registrations and its quota used; POST: one decision."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organization = get_object_or_404(Organization.objects.members(), slug=organization)
    if not request.user.has_perm("events.approve_for_organization", organization):
        raise PermissionDenied
    here = selectors.organization_registrations_url(page, organization)
    if request.method == "POST":
        form = OrganizationDecisionForm(
            request.POST, registrations=selectors.awaiting_organization(page, organization)
        )
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            run_service(
                request,
                services.registration_organization_decide,
                success=_said(approve),
                on_denied=RAISE,
                registration=form.cleaned_data["registration"],
                approve=approve,
                by=request.user,
            )
        else:
            messages.error(request, form_errors_text(form))
        # Done or refused, the outcome is flashed on this page (or the desk it came from).
        return redirect(here)
    registrations = list(selectors.organization_registrations(page, organization))
    awaiting = [r for r in registrations if r.status == RegistrationStatus.AWAITING_ORGANIZATION]
    others = [r for r in registrations if r not in awaiting]
    # A person awaiting the organization asked it to decide, so its spokespeople see who they
    # are (as organizers see who they decide); the others are named only as far as the viewer
    # may see them: a hidden profile stays hidden.
    for registration in others:
        registration.shown = request.user.has_perm("members.view_person", registration.user)
    return TemplateResponse(
        request,
        "events/organization_registrations.html",
        {
            "page": page,
            "organization": organization,
            "awaiting": awaiting,
            "others": others,
            "used": selectors.quota_used(page, organization),
            "quota": page.organization_quota,
            "deadline": selectors.organization_deadline(page),
            "action_url": here,
        },
    )
