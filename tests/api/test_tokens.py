import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members import services
from members.models import ApiToken

pytestmark = pytest.mark.django_db

URL = "/api/v1/people"


def test_token_create_stores_only_hash(plain_user):
    token, raw = services.token_create(user=plain_user, name="reports")
    assert raw.startswith("iarn_")
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:12]
    assert raw not in {token.token_hash, token.prefix, token.name}


def test_token_create_limit(plain_user):
    for n in range(10):
        services.token_create(user=plain_user, name=f"t{n}")
    with pytest.raises(ValidationError):
        services.token_create(user=plain_user, name="one too many")
    assert ApiToken.objects.count() == 10


def test_token_authenticates_and_records_use(client, plain_user, token_for):
    raw = token_for(plain_user)
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_token_revoked_is_refused(client, plain_user):
    token, raw = services.token_create(user=plain_user, name="old")
    services.token_revoke(token=token, by=plain_user)
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json() == {"detail": "This token is unknown or has been revoked."}


def test_token_revoke_refused_for_someone_else(plain_user, member_a):
    token, _ = services.token_create(user=plain_user, name="mine")
    with pytest.raises(PermissionDenied):
        services.token_revoke(token=token, by=member_a)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_of_deactivated_user_is_refused(client, plain_user, token_for):
    raw = token_for(plain_user)
    plain_user.is_active = False
    plain_user.save()
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Token abc", "Malformed Authorization header: send “Bearer <token>”."),
        ("Bearer", "Malformed Authorization header: send “Bearer <token>”."),
        ("Bearer iarn_" + "x" * 43, "This token is unknown or has been revoked."),
        ("Bearer '; DROP TABLE members_apitoken; --", "This token is unknown or has been revoked."),
    ],
)
def test_token_malformed_or_unknown_is_401(client, header, detail):
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"detail": detail}


def test_profile_creates_token_shown_once(client, plain_user):
    client.force_login(plain_user)
    response = client.post("/members/profile/tokens/", {"name": "reporting script"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = response.context["raw"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=plain_user)
    assert token.name == "reporting script"
    profile = client.get("/members/profile/").content.decode()
    assert raw not in profile
    assert f"<code>{token.prefix}…</code>" in profile


def test_profile_token_needs_a_name(client, plain_user):
    client.force_login(plain_user)
    response = client.post("/members/profile/tokens/", {"name": ""}, follow=True)
    assert "Give the token a name (80 characters at most)." in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_profile_revokes_own_token(client, plain_user):
    token, _ = services.token_create(user=plain_user, name="old")
    client.force_login(plain_user)
    response = client.post(f"/members/profile/tokens/{token.pk}/revoke/", follow=True)
    assert "The token “old” is revoked; it no longer works." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_profile_cannot_revoke_someone_elses_token(client, plain_user, member_a):
    token, _ = services.token_create(user=plain_user, name="theirs")
    client.force_login(member_a)
    assert client.post(f"/members/profile/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_pages_need_login(client):
    response = client.post("/members/profile/tokens/", {"name": "x"})
    assert response.status_code == 302
    assert ApiToken.objects.count() == 0
