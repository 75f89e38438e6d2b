"""Who may add, change and remove publications. The only place that decides it."""

import rules

from members.enums import OrganizationStatus
from members.rules import _roles, is_network_member, is_staff


@rules.predicate
def is_publisher_member(user, publication):
    """Any role (focal point, alternate, member) in an admitted organization that publishes it.

    Publishers are equals: each one's people may keep the shared entry up to date.
    """
    if publication is None:
        return False
    roles = _roles(user)
    return any(
        roles.get(organization.pk, (None, None))[1] == OrganizationStatus.MEMBER
        for organization in publication.publishers.all()
    )


rules.add_perm("library.add_publication", is_network_member | is_staff)
rules.add_perm("library.change_publication", is_publisher_member | is_staff)
rules.add_perm("library.delete_publication", is_publisher_member | is_staff)
# The address, the document picked in the documents library and the source: the secretariat's.
rules.add_perm("library.curate_publication", is_staff)
# Publishes without naming an organization of their own among the publishers.
rules.add_perm("library.publish_for_any_organization", is_staff)
