"""schemathesis against /api/v1/openapi.json through the WSGI app: generated requests (valid
and not) never get a server error, every response matches the documented schema, and a
refused request writes nothing (on PostgreSQL, where tests/fuzz/support.py can tell)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from network.gaps.models import Country, SubRegion
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.library import PublicationFactory
from tests.fuzz.support import tables_written, write_counts

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The coverage phase still sends missing, malformed and out-of-range parameters; sending
# every undeclared HTTP method to every path only tests Django's 405, so it is left out.
schema.config.phases.coverage.unexpected_methods = set()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """The real WSGI handler closes the database connection around each request, which would
    end the test's transaction; Django's test client disconnects the same signals."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, settings):
    """A network member's token: without one the generated Authorization header is a 401."""
    from members.services import token_create

    settings.ALLOWED_HOSTS = ["*"]
    cis = SubRegion.objects.create(name="Commonwealth of Independent States", slug="cis")
    Country.objects.create(code="UA", sub_region=cis)
    Country.objects.create(code="XK")
    organization = OrganizationFactory(slug="iom", countries=["UA", "BY"])
    member = MembershipFactory(organization=organization).user
    PublicationFactory(
        publishers=[organization], regions=["cis"], countries=["UA"], languages=["en"]
    )
    return token_create(user=member, name="schemathesis")[1]


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, token):
    counts = write_counts if connection.vendor == "postgresql" else dict
    with transaction.atomic():
        before = counts()
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        written = tables_written(before, counts()) - {"members_apitoken"}  # the token's last use
        transaction.set_rollback(True)
    case.validate_response(
        response,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
    if response.status_code >= 400:
        assert not written, f"refused with {response.status_code} but wrote {written}"
