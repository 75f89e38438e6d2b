"""What the agenda's writes share: locking a priority, recording a status move, and who
speaks for an organization."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from members.enums import MembershipRole
from network.platform.services import service_save

from ..enums import PriorityStatus, VoterRole
from ..models import PriorityStatusChange, ResearchPriority
from ..rules import speaks_for


def _lock(priority):
    return ResearchPriority.objects.select_for_update().get(pk=priority.pk)


def _record(priority, *, to_status, by, reason):
    change = PriorityStatusChange(
        priority=priority, from_status=priority.status, to_status=to_status, by=by, reason=reason
    )
    priority.status = to_status
    service_save(priority)
    service_save(change)
    return priority


def _label(status):
    return PriorityStatus(status).label if status in PriorityStatus.values else status


def _speaker_role(user, organization):
    """The user's voting role for the organization, or refuse."""
    if not speaks_for.test(user, organization):
        raise PermissionDenied(
            gettext(
                "Only the focal point or alternate of a member organization speaks for "
                "%(organization)s."
            )
            % {"organization": organization.name}
        )
    role = user.memberships.get(organization=organization).role
    return VoterRole.FOCAL_POINT if role == MembershipRole.FOCAL_POINT else VoterRole.ALTERNATE
