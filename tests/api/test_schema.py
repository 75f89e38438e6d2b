"""schemathesis against /api/v1/openapi.json through the WSGI app, with every check the CLI's
`--checks all` runs, on the seed content, anonymously and with a focal point's token:
generated requests (valid and not) never get a server error, every status and body is the
documented one, and a refused request writes nothing (on PostgreSQL, where
tests/fuzz/support.py can tell). `make fuzz` runs the CLI itself against a real server
(tests/api/schemathesis_cli.py)."""

import os

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import connection, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS

from members.models import Organization
from members.services import focal_point_assign, token_create
from tests.factories import UserFactory
from tests.fuzz.support import tables_written, write_counts

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The checks `schemathesis run --checks all` runs.
ALL_CHECKS = CHECKS.get_all()
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))

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


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed content and IOM's focal point with a token, loaded once for the module and
    rolled back after it (each test's own transaction nests inside)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_network_data", verbosity=0)
        person = UserFactory(email="schemathesis@example.org")
        iom = Organization.objects.get(slug="iom")
        focal_point_assign(organization=iom, user=person, by=person)
        yield token_create(user=person, name="schemathesis")[1]
        transaction.set_rollback(True)


@pytest.fixture(params=["anonymous", "token"])
def headers(request, seeded, settings):
    settings.ALLOWED_HOSTS = ["*"]
    return {"Authorization": f"Bearer {seeded}"} if request.param == "token" else {}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, headers):
    counts = write_counts if connection.vendor == "postgresql" else dict
    with transaction.atomic():
        before = counts()
        response = case.call(headers=headers)
        written = tables_written(before, counts()) - {"members_apitoken"}  # the token's last use
        transaction.set_rollback(True)
    case.validate_response(response, checks=ALL_CHECKS, headers=headers)
    if response.status_code >= 400:
        assert not written, f"refused with {response.status_code} but wrote {written}"
