from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    # A group seeded from the sources, which do not say whether it still meets (invariant 6).
    UNSTATED = "unstated", _("Status not stated in the sources")
    CLOSED = "closed", _("Closed")


# Where a group may go next: staff approve a proposal, confirm that a group whose status the
# sources do not state is active, or close a group; closing is final.
TRANSITIONS = {
    GroupStatus.PROPOSED: {GroupStatus.ACTIVE, GroupStatus.CLOSED},
    GroupStatus.UNSTATED: {GroupStatus.ACTIVE, GroupStatus.CLOSED},
    GroupStatus.ACTIVE: {GroupStatus.CLOSED},
    GroupStatus.CLOSED: set(),
}
# Groups everyone may see: all but proposals. Only active ones take new members.
PUBLIC = (GroupStatus.ACTIVE, GroupStatus.UNSTATED, GroupStatus.CLOSED)


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Asked to join")
    MEMBER = "member", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


# A pending request and a current membership both hold the organization's place in the group.
HOLDS_A_PLACE = (MembershipStatus.PENDING, MembershipStatus.MEMBER)
