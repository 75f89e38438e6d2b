"""The network secretariat reviews organization applications in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from network.platform.views import RAISE, form_saved, require_perm

from . import selectors, services
from .enums import OrganizationStatus
from .forms import DecisionForm, MembershipEndForm
from .models import Organization


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("members.review_application")


def _require_reviewer(request):
    require_perm(request, "members.review_application")


def applications_index(request):
    _require_reviewer(request)
    decided = (
        Organization.objects.filter(decided_at__isnull=False)
        .select_related("applied_by", "decided_by")
        .order_by("-decided_at")[:20]
    )
    return TemplateResponse(
        request,
        "members/admin/applications_index.html",
        {
            "page_title": _("Applications"),
            "pending": selectors.pending_applications(),
            "decided": decided,
        },
    )


def application_decide(request, pk):
    _require_reviewer(request)
    organization = get_object_or_404(
        Organization.objects.select_related("applied_by"),
        pk=pk,
        status=OrganizationStatus.APPLICANT,
    )
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision = {
            "admit": (services.organization_admit, _("%(organization)s is admitted as a member.")),
            "decline": (
                services.organization_decline,
                _("The application of %(organization)s is declined."),
            ),
        }.get(request.POST.get("action"))
        try:
            if decision is None:
                raise ValidationError(_("Choose Admit or Decline."))
            service, done = decision
            service(organization=organization, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, done % {"organization": organization.name})
        except ValidationError as error:
            form.add_error("reason" if getattr(error, "error_dict", None) else None, error.messages)
        else:
            return redirect("applications:index")
    return TemplateResponse(
        request,
        "members/admin/application_decide.html",
        {
            "page_title": _("Application: %(organization)s") % {"organization": organization.name},
            "organization": organization,
            "form": form,
        },
    )


def members_index(request):
    _require_reviewer(request)
    return TemplateResponse(
        request,
        "members/admin/members_index.html",
        {
            "page_title": _("Member organizations"),
            "organizations": Organization.objects.members().order_by("name"),
        },
    )


def member_detail(request, pk):
    """An organization's record with the source it was seeded from, where the secretariat
    ends a membership (the seed makes the organizations the sources name members)."""
    _require_reviewer(request)
    organization = get_object_or_404(Organization.objects.members(), pk=pk)
    form = MembershipEndForm(request.POST if request.method == "POST" else None)
    if form_saved(
        request,
        form,
        services.organization_membership_end,
        success=_("%(name)s is now a former member.") % {"name": organization.name},
        on_denied=RAISE,
        organization=organization,
    ):
        return redirect("applications:members")
    return TemplateResponse(
        request,
        "members/admin/member_detail.html",
        {"page_title": organization.name, "organization": organization, "form": form},
    )


class ApplicationsViewSet(ViewSet):
    name = "applications"
    icon = "group"
    menu_label = gettext_lazy("Applications")
    add_to_admin_menu = True
    menu_order = 150

    def get_urlpatterns(self):
        return [
            path("", applications_index, name="index"),
            path("<int:pk>/", application_decide, name="decide"),
            path("members/", members_index, name="members"),
            path("members/<int:pk>/", member_detail, name="member"),
        ]

    def get_menu_item(self, order=None):
        return StaffMenuItem(
            self.menu_label, self.menu_url, icon_name=self.menu_icon, order=order or self.menu_order
        )


@hooks.register("register_admin_viewset")
def register_applications():
    return ApplicationsViewSet()
