"""Every write to organizations, memberships, invitations and profiles."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from network.platform.email import email_on_commit
from network.platform.services import absolute_url, service_save, unique_slug

from .enums import (
    SPOKESPERSON_ROLES,
    InvitationStatus,
    MembershipRole,
    OrganizationStatus,
    RequestStatus,
)
from .models import ApiToken, Invitation, Membership, MembershipRequest, Organization, User
from .selectors import name_shown_to

INVITATION_LIFETIME = timedelta(days=14)
# Paths under /members/ that an organization's slug must never shadow.
RESERVED_SLUGS = {"apply", "people", "profile", "invitations", "new", "mine"}


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
        subject=f"New application: {organization.name}",
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
        raise ValidationError(f"{organization.name} has already been decided on.")
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
            subject=f"{organization.name} is now a member of the network",
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
        raise ValidationError({"reason": "Say why the application is declined."})
    organization = _decide(
        organization, by=by, status=OrganizationStatus.DECLINED, reason=reason.strip()
    )
    if organization.applied_by_id:
        email_on_commit(
            to=[organization.applied_by],
            subject=f"Your application for {organization.name}",
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
        raise PermissionDenied("Only the network secretariat changes the membership.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the membership ends."})
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.status != OrganizationStatus.MEMBER:
        raise ValidationError(f"{organization.name} is not a member.")
    organization.status = OrganizationStatus.FORMER
    organization.decided_by = by
    organization.decided_at = timezone.now()
    organization.decision_reason = reason.strip()
    return service_save(organization)


@transaction.atomic
def organization_update(*, organization: Organization, by: User, **fields) -> Organization:
    """Change an organization's public profile. Side effects: none."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    for field, value in fields.items():
        setattr(organization, field, value)
    return service_save(organization)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, organization: Organization, email: str, by: User) -> Invitation:
    """Invite a colleague by email to join the organization.

    Side effects: emails the invitation link after commit (the token is never stored).
    """
    email = User.objects.normalize_email(email.strip())
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already a member of {organization.name}."})
    token = secrets.token_urlsafe(32)
    invitation = service_save(
        Invitation(
            organization=organization,
            email=email,
            token_hash=_hash(token),
            invited_by=by,
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
    )
    # An invitee who already has an account sees names as they would on the site.
    invitee = User.objects.filter(email__iexact=email, is_active=True).first()
    email_on_commit(
        to=[invitee or email],
        subject=f"Join {organization.name} on the Inter Agency Research Network",
        template="members/email/invitation.txt",
        context={
            "organization": organization,
            "by": by,
            "url": absolute_url(reverse("members:invitation", args=[token])),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organization").filter(token_hash=_hash(token)).first()


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the inviting organization as a member. Side effects: none."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organization")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None:
        raise ValidationError("This invitation link is not valid.")
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ValidationError("This invitation has already been used.")
    if invitation.status == InvitationStatus.REVOKED:
        raise ValidationError("This invitation was withdrawn by the organization.")
    if invitation.is_expired:
        raise ValidationError(
            "This invitation has expired. Ask the organization's focal point for a new one."
        )
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            f"This invitation was sent to {invitation.email}. "
            "Sign in with that address to accept it."
        )
    organization = invitation.organization
    if organization.memberships.filter(user=user).exists():
        raise ValidationError(f"You are already a member of {organization.name}.")
    membership = service_save(Membership(user=user, organization=organization))
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    service_save(invitation)
    MembershipRequest.objects.filter(
        user=user, organization=organization, status=RequestStatus.PENDING
    ).update(status=RequestStatus.WITHDRAWN)
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw a pending invitation so its link stops working. Side effects: none."""
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError("Only a pending invitation can be withdrawn.")
    invitation.status = InvitationStatus.REVOKED
    return service_save(invitation)


@transaction.atomic
def membership_request_create(
    *, user: User, organization: Organization, message: str = ""
) -> MembershipRequest:
    """Ask to join an organization.

    Side effects: emails its focal point and alternate after commit.
    """
    if organization.status != OrganizationStatus.MEMBER:
        raise ValidationError("Only member organizations take requests to join.")
    if organization.memberships.filter(user=user).exists():
        raise ValidationError(f"You are already a member of {organization.name}.")
    request = service_save(MembershipRequest(user=user, organization=organization, message=message))
    managers = User.objects.filter(
        memberships__organization=organization,
        memberships__role__in=SPOKESPERSON_ROLES,
    )
    email_on_commit(
        to=managers,
        subject=lambda recipient: (
            f"{capfirst(name_shown_to(recipient, user))} asks to join {organization.name}"
        ),
        template="members/email/membership_requested.txt",
        context={
            "organization": organization,
            "user": user,
            "message": message,
            "url": absolute_url(reverse("members:requests", args=[organization.slug])),
        },
    )
    return request


@transaction.atomic
def membership_request_decide(
    *, request: MembershipRequest, by: User, approve: bool
) -> MembershipRequest:
    """Approve or decline a request to join.

    Side effects: on approval creates the membership; emails the requester after commit.
    """
    request = (
        MembershipRequest.objects.select_for_update()
        .select_related("organization", "user")
        .get(pk=request.pk)
    )
    if request.status != RequestStatus.PENDING:
        raise ValidationError("This request has already been decided.")
    request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    request.decided_by = by
    request.decided_at = timezone.now()
    service_save(request)
    organization = request.organization
    if approve and not organization.memberships.filter(user=request.user).exists():
        service_save(Membership(user=request.user, organization=organization))
    email_on_commit(
        to=[request.user],
        subject=f"Your request to join {organization.name}",
        template="members/email/membership_decided.txt",
        context={"organization": organization, "approved": approve},
    )
    return request


@transaction.atomic
def alternate_name(*, organization: Organization, user: User, by: User) -> Membership:
    """Make a member the organization's alternate focal point; the previous alternate
    becomes a member. Side effects: none."""
    membership = (
        Membership.objects.select_for_update().filter(organization=organization, user=user).first()
    )
    if membership is None:
        raise ValidationError({"user": f"{user.name} is not a member of {organization.name}."})
    if membership.role == MembershipRole.FOCAL_POINT:
        raise ValidationError({"user": "The focal point cannot also be the alternate."})
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
        raise ValidationError("This organization already has a focal point.")
    membership, _ = Membership.objects.get_or_create(user=user, organization=organization)
    membership.role = MembershipRole.FOCAL_POINT
    return service_save(membership)


PERSON_FIELDS = ("display_name", "bio", "countries", "languages", "visibility")


@transaction.atomic
def profile_update(*, user: User, expertise: list[str] | None = None, **fields) -> User:
    """Change a person's own profile. Side effects: none."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    for field, value in fields.items():
        setattr(user, field, value)
    service_save(user)
    if expertise is not None:
        user.expertise.set(expertise, clear=True)
    return user


API_TOKEN_PREFIX = "iarn_"  # noqa: S105 -- a public format marker, not a secret
MAX_ACTIVE_TOKENS = 10


def _token_hash(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; return it with the raw token, which is never stored.

    Side effects: none beyond the row.
    """
    if user.network_api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"You have {MAX_ACTIVE_TOKENS} active tokens; revoke one before creating another."
        )
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=_token_hash(raw), prefix=raw[:12])
    service_save(token)
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token at once; only its owner may. Side effects: none beyond the row."""
    if token.user_id != by.pk:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        service_save(token)
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user of an active token, or None. Records when it was last used."""
    if not raw.startswith(API_TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.filter(token_hash=_token_hash(raw), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # An update, not save(): no race with a revocation, and one query per request at most.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
