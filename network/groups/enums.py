from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


# Where a group may go next: staff approve a proposal or close a group; closing is final.
TRANSITIONS = {
    GroupStatus.PROPOSED: {GroupStatus.ACTIVE, GroupStatus.CLOSED},
    GroupStatus.ACTIVE: {GroupStatus.CLOSED},
    GroupStatus.CLOSED: set(),
}


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Asked to join")
    MEMBER = "member", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


# A pending request and a current membership both hold the organization's place in the group.
HOLDS_A_PLACE = (MembershipStatus.PENDING, MembershipStatus.MEMBER)
