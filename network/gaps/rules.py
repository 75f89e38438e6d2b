"""Who may do what with data gaps and indicators. The only place that decides it."""

import rules

from members.enums import OrganizationStatus
from members.rules import _roles, is_network_member, is_staff


@rules.predicate
def is_member_of_reporting_org(user, gap):
    """Belongs to the admitted organization that reported the gap."""
    if gap is None:
        return False
    entry = _roles(user).get(gap.reported_by_id)
    return entry is not None and entry[1] == OrganizationStatus.MEMBER


rules.add_perm("gaps.report_gap", is_network_member | is_staff)
rules.add_perm("gaps.change_gap", is_member_of_reporting_org | is_staff)
rules.add_perm("gaps.manage_indicators", is_staff)
