"""Shared reads for organizations and people, with visibility applied in one place."""

from django.db.models import Prefetch, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext

from .enums import OrganizationStatus, Visibility
from .models import Membership, Organization, User
from .rules import is_network_member


def people_visible_to(viewer):
    """Active people the viewer may see: hidden people only see themselves."""
    allowed = Q(visibility=Visibility.PUBLIC)
    if viewer.is_authenticated and (viewer.is_staff or is_network_member(viewer)):
        allowed |= Q(visibility=Visibility.MEMBERS)
    if viewer.is_authenticated:
        allowed |= Q(pk=viewer.pk)
    return User.objects.filter(allowed, is_active=True)


def organization_list(*, filters=None):
    """Admitted member organizations, alphabetically, filtered by kind, country and text."""
    filters = filters or {}
    organizations = Organization.objects.members().order_by(Lower("name"))
    if kind := filters.get("kind"):
        organizations = organizations.filter(kind=kind)
    if country := filters.get("country"):
        # Codes are two letters joined by commas, so a substring match is exact.
        organizations = organizations.filter(
            Q(countries__contains=country) | Q(headquarters_country=country)
        )
    if text := filters.get("q"):
        organizations = organizations.filter(
            Q(name__icontains=text) | Q(acronym__icontains=text) | Q(mandate__icontains=text)
        )
    return organizations


def organization_detail(*, slug, viewer):
    """A member (or former member) organization with the people the viewer may see."""
    memberships = (
        Membership.objects.filter(user__in=people_visible_to(viewer))
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )
    return (
        Organization.objects.filter(
            slug=slug, status__in=[OrganizationStatus.MEMBER, OrganizationStatus.FORMER]
        )
        .select_related("logo")
        .prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="visible_memberships")
        )
        .first()
    )


def focal_points(organization):
    """The focal point and alternate memberships, whoever can see them."""
    return organization.memberships.spokespeople().select_related("user").order_by("role")


def pending_applications():
    return (
        Organization.objects.filter(status=OrganizationStatus.APPLICANT)
        .select_related("applied_by")
        .order_by("created_at")
    )


def network_figures():
    """Live figures for the home page."""
    members = Organization.objects.members()
    countries = set()
    for headquarters, worked_in in members.values_list("headquarters_country", "countries"):
        countries.update(code for code in worked_in.split(",") if code)
        if headquarters:
            countries.add(headquarters)
    return {"organizations": members.count(), "countries": len(countries)}


def second_factor_missing(user) -> bool:
    """Whoever members.needs_mfa names (staff, editors, moderators, project leads) and has not
    turned on TOTP: refused everywhere but the setup, on pages and on sockets alike."""
    from allauth.mfa.models import Authenticator

    return (
        user.is_authenticated
        and user.has_perm("members.needs_mfa")
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


def name_shown_to(viewer, person):
    """The person's name where the viewer may see them (members.view_person, the rule the
    pages follow), else words that name nobody: an email or a notice must not reveal a
    person who keeps their profile private."""
    if viewer.has_perm("members.view_person", person):
        return person.name
    return gettext("someone who keeps their profile private")
