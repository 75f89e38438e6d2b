"""Endorsements by organizations and support by individual members."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from members.models import Organization, User
from network.platform.services import service_save

from ..enums import PriorityStatus
from ..models import Endorsement, ResearchPriority, Supporter
from .common import _speaker_role


@transaction.atomic
def priority_endorse(
    *, priority: ResearchPriority, organization: Organization, by: User
) -> Endorsement:
    """The focal point or alternate endorses a priority for their organization (once)."""
    _speaker_role(by, organization)
    if priority.status in (PriorityStatus.RETIRED, PriorityStatus.NOT_ADOPTED):
        raise ValidationError(gettext("This priority is no longer open for endorsement."))
    if Endorsement.objects.filter(priority=priority, organization=organization).exists():
        raise ValidationError(
            gettext("%(organization)s has already endorsed this priority.")
            % {"organization": organization.name}
        )
    return service_save(Endorsement(priority=priority, organization=organization, endorsed_by=by))


@transaction.atomic
def priority_endorsement_withdraw(
    *, priority: ResearchPriority, organization: Organization, by: User
) -> None:
    """The focal point or alternate withdraws their organization's endorsement."""
    _speaker_role(by, organization)
    deleted, _ = Endorsement.objects.filter(priority=priority, organization=organization).delete()
    if not deleted:
        raise ValidationError(
            gettext("%(organization)s has not endorsed this priority.")
            % {"organization": organization.name}
        )


@transaction.atomic
def priority_support(*, priority: ResearchPriority, by: User) -> Supporter:
    """Any network member adds their individual support."""
    if not by.has_perm("agenda.support_priority", priority):
        raise PermissionDenied(gettext("Only members of the network support priorities."))
    if priority.status == PriorityStatus.RETIRED:
        raise ValidationError(gettext("This priority is retired."))
    if Supporter.objects.filter(priority=priority, user=by).exists():
        raise ValidationError(gettext("You already support this priority."))
    return service_save(Supporter(priority=priority, user=by))


@transaction.atomic
def priority_support_withdraw(*, priority: ResearchPriority, by: User) -> None:
    deleted, _ = Supporter.objects.filter(priority=priority, user=by).delete()
    if not deleted:
        raise ValidationError(gettext("You do not support this priority."))
