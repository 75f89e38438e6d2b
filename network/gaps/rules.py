"""Who may do what with data gaps and indicators. The only place that decides it."""

import rules

from members.enums import OrganizationStatus
from members.rules import _roles, is_member_of, is_network_member, is_staff


@rules.predicate
def is_member_of_reporting_org(user, gap):
    """Belongs to the admitted organization that reported the gap."""
    if gap is None:
        return False
    entry = _roles(user).get(gap.reported_by_id)
    return entry is not None and entry[1] == OrganizationStatus.MEMBER


@rules.predicate
def is_translator(user, translation):
    return translation is not None and translation.translator_id == user.pk


rules.add_perm("gaps.report_gap", is_network_member | is_staff)
# For which organization: one the person belongs to (the service also wants it admitted).
rules.add_perm("gaps.report_gap_for", is_member_of | is_staff)
rules.add_perm("gaps.report_for_any_organization", is_staff)
# The register is public: every member of the network (and the secretariat)
# sees every gap, and may translate it.
rules.add_perm("gaps.translate_gap", is_network_member | is_staff)
rules.add_perm("gaps.change_gap_translation", (is_translator & is_network_member) | is_staff)
rules.add_perm("gaps.change_gap", is_member_of_reporting_org | is_staff)
rules.add_perm("gaps.manage_indicators", is_staff)
