"""Organizations: applying, admission, their profile, and who speaks for them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.platform.email import email_on_commit
from network.platform.services import (
    absolute_url,
    check_fields,
    service_save,
    service_update,
    unique_slug,
)

from ..enums import (
    MembershipRole,
    OrganizationStatus,
)
from ..models import Membership, Organization, User
from .common import (
    RESERVED_SLUGS,
)


@transaction.atomic
def organization_apply(
    *,
    user: User,
    name: str,
    kind: str,
    mandate: str,
    acronym: str = "",
    headquarters_country: str = "",
    countries: list[str] | None = None,
    website: str = "",
) -> Organization:
    """Record an application to join the network.

    Side effects: emails the network secretariat (staff) after commit.
    """
    organization = Organization(
        name=name.strip(),
        acronym=acronym.strip(),
        kind=kind,
        mandate=mandate,
        headquarters_country=headquarters_country,
        countries=countries or [],
        website=website,
        status=OrganizationStatus.APPLICANT,
        applied_by=user,
    )
    organization.slug = unique_slug(
        organization.acronym or organization.name,
        queryset=Organization.objects,
        fallback="organization",
        reserved=RESERVED_SLUGS,
        suffix="org",
    )
    service_save(organization)
    email_on_commit(
        to=User.objects.filter(is_staff=True, is_active=True),
        subject=_("New application: %(organization)s") % {"organization": organization.name},
        template="members/email/application_received.txt",
        context={
            "organization": organization,
            "user": user,
            "url": absolute_url(reverse("applications:index")),
        },
    )
    return organization


def _decide(organization, *, by, status, reason):
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.status != OrganizationStatus.APPLICANT:
        raise ValidationError(
            _("%(organization)s has already been decided on.") % {"organization": organization.name}
        )
    organization.status = status
    organization.decided_by = by
    organization.decided_at = timezone.now()
    organization.decision_reason = reason
    service_save(organization)
    return organization


@transaction.atomic
def organization_admit(*, organization: Organization, by: User, reason: str = "") -> Organization:
    """Admit an applicant as a member; the applicant becomes its first focal point.

    Side effects: creates the focal point membership; emails the applicant after commit.
    """
    organization = _decide(organization, by=by, status=OrganizationStatus.MEMBER, reason=reason)
    if organization.applied_by_id:
        service_save(
            Membership(
                user_id=organization.applied_by_id,
                organization=organization,
                role=MembershipRole.FOCAL_POINT,
            )
        )
        email_on_commit(
            to=[organization.applied_by],
            subject=_("%(organization)s is now a member of the network")
            % {"organization": organization.name},
            template="members/email/application_admitted.txt",
            context={
                "organization": organization,
                "url": absolute_url(organization.get_absolute_url()),
            },
        )
    return organization


@transaction.atomic
def organization_decline(*, organization: Organization, by: User, reason: str) -> Organization:
    """Decline an application, giving the applicant the reason.

    Side effects: emails the applicant after commit.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the application is declined.")})
    organization = _decide(
        organization, by=by, status=OrganizationStatus.DECLINED, reason=reason.strip()
    )
    if organization.applied_by_id:
        email_on_commit(
            to=[organization.applied_by],
            subject=_("Your application for %(organization)s")
            % {"organization": organization.name},
            template="members/email/application_declined.txt",
            context={"organization": organization},
        )
    return organization


# What an application asks for, and what a focal point may change afterwards.
PROFILE_FIELDS = (
    "name",
    "acronym",
    "kind",
    "headquarters_country",
    "countries",
    "mandate",
    "website",
)


@transaction.atomic
def organization_membership_end(
    *, organization: Organization, by: User, reason: str
) -> Organization:
    """End a member organization's membership: how the secretariat revises the founding
    membership the seed gives, or records a departure. Side effects: none."""
    if not by.has_perm("members.review_application"):
        raise PermissionDenied(_("Only the network secretariat changes the membership."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason the membership ends.")})
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.status != OrganizationStatus.MEMBER:
        raise ValidationError(
            _("%(organization)s is not a member.") % {"organization": organization.name}
        )
    organization.status = OrganizationStatus.FORMER
    organization.decided_by = by
    organization.decided_at = timezone.now()
    organization.decision_reason = reason.strip()
    return service_save(organization)


@transaction.atomic
def organization_update(*, organization: Organization, by: User, **fields) -> Organization:
    """Change an organization's public profile. Side effects: none."""
    check_fields(fields, allowed=PROFILE_FIELDS)
    return service_update(organization, fields)


@transaction.atomic
def alternate_name(*, organization: Organization, user: User, by: User) -> Membership:
    """Make a member the organization's alternate focal point; the previous alternate
    becomes a member. Side effects: none."""
    membership = (
        Membership.objects.select_for_update().filter(organization=organization, user=user).first()
    )
    if membership is None:
        raise ValidationError(
            {
                "user": _("%(person)s is not a member of %(organization)s.")
                % {"person": user.name, "organization": organization.name}
            }
        )
    if membership.role == MembershipRole.FOCAL_POINT:
        raise ValidationError({"user": _("The focal point cannot also be the alternate.")})
    if membership.role == MembershipRole.ALTERNATE:
        return membership
    organization.memberships.filter(role=MembershipRole.ALTERNATE).update(
        role=MembershipRole.MEMBER
    )
    membership.role = MembershipRole.ALTERNATE
    return service_save(membership)


@transaction.atomic
def focal_point_assign(*, organization: Organization, user: User, by: User) -> Membership:
    """Give an organization without a focal point its focal point (secretariat use).

    Side effects: none. Refuses a second focal point.
    """
    if organization.memberships.filter(role=MembershipRole.FOCAL_POINT).exists():
        raise ValidationError(_("This organization already has a focal point."))
    membership, _created = Membership.objects.get_or_create(user=user, organization=organization)
    membership.role = MembershipRole.FOCAL_POINT
    return service_save(membership)
