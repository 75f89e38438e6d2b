"""Who may do what with datasets and access requests. The only place that decides it.

Datasets' metadata is public. A request is seen by the requesting organization's people, the
owning organizations' people and staff, and by no one else. Only the owners' focal points and
alternates decide on a request: the data is theirs, not the secretariat's."""

import rules

from members.enums import MembershipRole, OrganizationStatus
from members.rules import _roles, is_network_member, is_staff


def _owner_ids(dataset):
    return {dataset.owner_id, *(o.pk for o in dataset.co_owners.all())}


def _admitted_roles(user):
    return {
        org_id: role
        for org_id, (role, status) in _roles(user).items()
        if status == OrganizationStatus.MEMBER
    }


@rules.predicate
def belongs_to_admitted(user, organization):
    return organization is not None and organization.pk in _admitted_roles(user)


@rules.predicate
def belongs_to_an_owner(user, dataset):
    return dataset is not None and bool(_owner_ids(dataset) & set(_admitted_roles(user)))


@rules.predicate
def speaks_for_an_owner(user, access_request):
    if access_request is None:
        return False
    roles = _admitted_roles(user)
    return any(
        roles.get(org_id) in (MembershipRole.FOCAL_POINT, MembershipRole.ALTERNATE)
        for org_id in _owner_ids(access_request.dataset)
    )


@rules.predicate
def belongs_to_requester(user, access_request):
    return access_request is not None and access_request.organization_id in _admitted_roles(user)


@rules.predicate
def belongs_to_owner_of_request(user, access_request):
    return access_request is not None and belongs_to_an_owner(user, access_request.dataset)


rules.add_perm("catalogue.describe_dataset", is_network_member | is_staff)
rules.add_perm("catalogue.describe_for", belongs_to_admitted | is_staff)
rules.add_perm("catalogue.describe_for_any_organization", is_staff)
rules.add_perm("catalogue.change_dataset", belongs_to_an_owner | is_staff)
rules.add_perm("catalogue.request_access", is_network_member)
rules.add_perm("catalogue.request_for", belongs_to_admitted)
rules.add_perm(
    "catalogue.view_request", belongs_to_requester | belongs_to_owner_of_request | is_staff
)
rules.add_perm("catalogue.view_every_request", is_staff)
rules.add_perm("catalogue.decide_request", speaks_for_an_owner)
rules.add_perm("catalogue.answer_request", belongs_to_requester)
