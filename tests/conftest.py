"""Shared fixtures. Tests that need PostgreSQL, Redis or Chromium skip on a laptop without
them, and fail instead when REQUIRE_SERVICES=1 (CI)."""

import os
import shutil

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from members import services as member_services
from members.enums import MembershipRole
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = "/usr/bin/chromium"


def need(service, available, why):
    """Skip when a real service is missing, unless CI says it must be there."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{service} is required (REQUIRE_SERVICES=1) but {why}")
    pytest.skip(f"{service} not available: {why}")


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return "live_server" in getattr(item, "fixturenames", ()) or bool(
        marker and marker.kwargs.get("transaction")
    )


def pytest_collection_modifyitems(items):
    # A transactional test empties the database on the way out and restores it only when the
    # next transactional test starts. pytest-django runs them last for that reason, but
    # pytest-xdist interleaves them with the others, so `make test` runs them as a second
    # phase, selected by this marker.
    for item in items:
        if _is_transactional(item):
            item.add_marker(pytest.mark.transactional)


@pytest.fixture
def postgres():
    # No `db` here: the vendor needs no database access, and pulling `db` into a
    # transactional test mixes the two kinds of test database setup.
    need("PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not a PostgreSQL URL")


@pytest.fixture
def redis_url():
    """This worker's Redis database (network/settings/test.py gives each worker its own)."""
    from django.conf import settings

    need("Redis", bool(settings.REDIS_URL), "REDIS_URL is not set")
    return settings.REDIS_URL


@pytest.fixture
def chromium():
    need("Chromium", shutil.which(CHROMIUM) is not None, f"{CHROMIUM} is not installed")
    return CHROMIUM


@pytest.fixture(autouse=True)
def _transactional_tests_restore_what_they_flush(request):
    """A transactional test empties every table when it ends. Without serialized rollback the
    content types come back with new ids and Wagtail's root page not at all, which breaks the
    tests that run after it in the same worker; so every transactional test must restore
    (which also brings the content types back with their ids, keeping Django's cache valid)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = _is_transactional(request.node)
    if transactional and not (marker and marker.kwargs.get("serialized_rollback")):
        pytest.fail("a transactional test needs django_db(..., serialized_rollback=True)")
    yield


def _clear_cache():
    """Empty the cache for certain. The shared cache ignores Redis errors and, after one (a
    timeout on a loaded machine), skips Redis for two seconds, so a plain cache.clear() can
    silently leave the last test's throttle counters behind. Forget the failure and clear
    through the client, which raises, retrying a few times before failing the test."""
    import time

    from django.core.cache import cache

    from network.platform import cache as fail_fast

    clear = getattr(getattr(cache, "client", None), "clear", cache.clear)
    for attempt in range(5):
        fail_fast._down_until = 0.0
        try:
            clear()
            return
        except Exception:
            if attempt == 4:
                raise
            time.sleep(0.2)


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in the default language. A request in French leaves French active in
    the worker's thread (LocaleMiddleware activates and never resets), and a later test in
    the same worker then read a validation message in French."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth keeps login throttles in the cache; tests must not inherit each other's."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture
def org_a(db):
    return OrganizationFactory(name="Agency A", slug="agency-a")


@pytest.fixture
def org_b(db):
    return OrganizationFactory(name="Agency B", slug="agency-b")


@pytest.fixture
def focal_a(org_a):
    return MembershipFactory(organization=org_a, role=MembershipRole.FOCAL_POINT).user


@pytest.fixture
def member_a(org_a):
    return MembershipFactory(organization=org_a).user


@pytest.fixture
def alternate_a(org_a):
    return MembershipFactory(organization=org_a, role=MembershipRole.ALTERNATE).user


@pytest.fixture
def focal_b(org_b):
    return MembershipFactory(organization=org_b, role=MembershipRole.FOCAL_POINT).user


@pytest.fixture
def plain_user(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    """A staff member with TOTP on, as staff must have."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    return user


@pytest.fixture
def token_for():
    """A personal API token for a person: the raw value, as shown once on the profile."""

    def make(user, name="script"):
        return member_services.token_create(user=user, name=name)[1]

    return make


@pytest.fixture
def bearer(token_for):
    """Test-client headers carrying a new token of `user`."""

    def headers(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}

    return headers
