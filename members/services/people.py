"""People: their profile and their API tokens."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.platform.services import check_fields, service_save, service_update

from ..models import ApiToken, Expertise, User

PERSON_FIELDS = (
    "display_name",
    "bio",
    "countries",
    "languages",
    "interface_language",
    "visibility",
)


EXPERTISE_NAME_LENGTH = 100


def _expertise_slug(name):
    base = slugify(name, allow_unicode=True)[:EXPERTISE_NAME_LENGTH].strip("-") or "expertise"
    slug, n = base, 2
    while Expertise.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def expertise_get_or_create(*, names: list[str]) -> list[Expertise]:
    """The list's entries for these names, matched whatever their case, in the order given and
    once each; a name not in the list yet is added to it (the list is controlled, and grows
    by people's own additions). Side effects: new Expertise rows."""
    found = {}
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            continue
        if len(name) > EXPERTISE_NAME_LENGTH:
            raise ValidationError(
                _("Each expertise can be at most %(n)s characters.") % {"n": EXPERTISE_NAME_LENGTH}
            )
        entry = Expertise.objects.filter(name__iexact=name).first()
        if entry is None:
            try:
                entry = service_save(Expertise(name=name, slug=_expertise_slug(name)))
            except ValidationError:
                # Someone added the same name at the same moment: theirs is ours too.
                entry = Expertise.objects.filter(name__iexact=name).first()
                if entry is None:
                    raise
        found.setdefault(entry.pk, entry)
    return list(found.values())


@transaction.atomic
def profile_update(*, user: User, expertise: list[str] | None = None, **fields) -> User:
    """Change a person's own profile; `expertise` names the topics, from the list or new.
    Side effects: expertise not in the list yet is added to it (expertise_get_or_create)."""
    check_fields(fields, allowed=PERSON_FIELDS)
    service_update(user, fields)
    if expertise is not None:
        user.expertise.set(expertise_get_or_create(names=expertise))
    return user


@transaction.atomic
def profile_language_set(*, user: User, language: str) -> User:
    """Keep the language the person chose in the site's switcher on their profile.
    Side effects: none beyond the row (an unknown code is refused by full_clean)."""
    user.interface_language = language
    service_save(user, update_fields=["interface_language"])
    return user


API_TOKEN_PREFIX = "iarn_"  # noqa: S105 -- a public format marker, not a secret


MAX_ACTIVE_TOKENS = 10


def _token_hash(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; return it with the raw token, which is never stored.

    Side effects: none beyond the row.
    """
    if user.network_api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(n)s active tokens; revoke one before creating another.")
            % {"n": MAX_ACTIVE_TOKENS}
        )
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=_token_hash(raw), prefix=raw[:12])
    service_save(token)
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token at once; only its owner may. Side effects: none beyond the row."""
    if token.user_id != by.pk:
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        service_save(token)
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user of an active token, or None. Records when it was last used."""
    if not raw.startswith(API_TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.filter(token_hash=_token_hash(raw), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # An update, not save(): no race with a revocation, and one query per request at most.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
