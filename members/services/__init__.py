"""Every write to organizations, memberships and people, in modules by subject; the public
names are here."""

from .common import RESERVED_SLUGS
from .joining import (
    INVITATION_LIFETIME,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_revoke,
    membership_request_create,
    membership_request_decide,
)
from .organizations import (
    PROFILE_FIELDS,
    alternate_name,
    focal_point_assign,
    organization_admit,
    organization_apply,
    organization_decline,
    organization_membership_end,
    organization_update,
)
from .people import (
    API_TOKEN_PREFIX,
    MAX_ACTIVE_TOKENS,
    PERSON_FIELDS,
    expertise_get_or_create,
    profile_language_set,
    profile_update,
    token_authenticate,
    token_create,
    token_revoke,
)

__all__ = [
    "API_TOKEN_PREFIX",
    "INVITATION_LIFETIME",
    "MAX_ACTIVE_TOKENS",
    "PERSON_FIELDS",
    "PROFILE_FIELDS",
    "RESERVED_SLUGS",
    "alternate_name",
    "expertise_get_or_create",
    "focal_point_assign",
    "invitation_accept",
    "invitation_create",
    "invitation_for_token",
    "invitation_revoke",
    "membership_request_create",
    "membership_request_decide",
    "organization_admit",
    "organization_apply",
    "organization_decline",
    "organization_membership_end",
    "organization_update",
    "profile_language_set",
    "profile_update",
    "token_authenticate",
    "token_create",
    "token_revoke",
]
