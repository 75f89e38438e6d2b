"""The item kinds of the floor below the desk (members): it cannot register them itself, since
it may not import the desk, so the desk reads them (a downward import)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.enums import InvitationStatus, RequestStatus
from members.models import Invitation, MembershipRequest

from .registry import DeskItem


def membership_items(*, user, organizations):
    """Requests to join the organizations, and invitations they sent that are still open."""
    if not organizations:
        return []
    items = [
        DeskItem(
            organization=request.organization,
            kind=_("Join request"),
            title=str(request.user),
            reason=_("Asks to join your organization."),
            url=reverse("members:requests", args=[request.organization.slug]),
        )
        for request in MembershipRequest.objects.filter(
            organization__in=organizations, status=RequestStatus.PENDING
        ).select_related("user", "organization")
    ]
    items += [
        DeskItem(
            organization=invitation.organization,
            kind=_("Invitation"),
            title=invitation.email,
            reason=_("Invited to your organization; not accepted yet."),
            url=invitation.organization.get_absolute_url(),
            deadline=invitation.expires_at,
        )
        for invitation in Invitation.objects.filter(
            organization__in=organizations,
            status=InvitationStatus.PENDING,
            expires_at__gt=timezone.now(),
        ).select_related("organization")
    ]
    return items


def membership_done(*, user, organizations, since):
    """Requests to join the organizations decided since `since`, and the person's own requests
    decided since then. Two queries."""
    items = []
    if organizations:
        items += [
            DeskItem(
                organization=request.organization,
                kind=_("Join request"),
                title=str(request.user),
                reason=_("Decided (%(status)s) by %(who)s.")
                % {
                    "status": request.get_status_display(),
                    "who": request.decided_by or _("a former member"),
                },
                url=reverse("members:requests", args=[request.organization.slug]),
                done_at=request.decided_at,
            )
            for request in MembershipRequest.objects.filter(
                organization__in=organizations, decided_at__gte=since
            ).select_related("user", "organization", "decided_by")
        ]
    items += [
        DeskItem(
            organization=None,
            kind=_("Your join request"),
            title=request.organization.name,
            reason=_("Your request was decided: %(status)s.")
            % {"status": request.get_status_display()},
            url=request.organization.get_absolute_url(),
            done_at=request.decided_at,
        )
        for request in MembershipRequest.objects.filter(
            user=user, decided_at__gte=since
        ).select_related("organization")
    ]
    return items
