"""Joining an organization: invitations and requests."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from network.platform.email import email_on_commit
from network.platform.services import absolute_url, service_save

from ..enums import (
    SPOKESPERSON_ROLES,
    InvitationStatus,
    OrganizationStatus,
    RequestStatus,
)
from ..models import Invitation, Membership, MembershipRequest, Organization, User
from ..selectors import name_shown_to

INVITATION_LIFETIME = timedelta(days=14)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, organization: Organization, email: str, by: User) -> Invitation:
    """Invite a colleague by email to join the organization.

    Side effects: emails the invitation link after commit (the token is never stored).
    """
    email = User.objects.normalize_email(email.strip())
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _("%(email)s is already a member of %(organization)s.")
                % {"email": email, "organization": organization.name}
            }
        )
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
        subject=_("Join %(organization)s on the Inter Agency Research Network")
        % {"organization": organization.name},
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
        raise ValidationError(_("This invitation link is not valid."))
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.status == InvitationStatus.REVOKED:
        raise ValidationError(_("This invitation was withdrawn by the organization."))
    if invitation.is_expired:
        raise ValidationError(
            _("This invitation has expired. Ask the organization's focal point for a new one.")
        )
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    organization = invitation.organization
    if organization.memberships.filter(user=user).exists():
        raise ValidationError(
            _("You are already a member of %(name)s.") % {"name": organization.name}
        )
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
        raise ValidationError(_("Only a pending invitation can be withdrawn."))
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
        raise ValidationError(_("Only member organizations take requests to join."))
    if organization.memberships.filter(user=user).exists():
        raise ValidationError(
            _("You are already a member of %(name)s.") % {"name": organization.name}
        )
    request = service_save(MembershipRequest(user=user, organization=organization, message=message))
    managers = User.objects.filter(
        memberships__organization=organization,
        memberships__role__in=SPOKESPERSON_ROLES,
    )
    email_on_commit(
        to=managers,
        subject=lambda recipient: (
            _("%(person)s asks to join %(organization)s")
            % {
                "person": capfirst(name_shown_to(recipient, user)),
                "organization": organization.name,
            }
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
        raise ValidationError(_("This request has already been decided."))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    request.decided_by = by
    request.decided_at = timezone.now()
    service_save(request)
    organization = request.organization
    if approve and not organization.memberships.filter(user=request.user).exists():
        service_save(Membership(user=request.user, organization=organization))
    email_on_commit(
        to=[request.user],
        subject=_("Your request to join %(organization)s") % {"organization": organization.name},
        template="members/email/membership_decided.txt",
        context={"organization": organization, "approved": approve},
    )
    return request
