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
    # Uncompressed: schemathesis' WSGI transport hands the body over as sent, where an HTTP
    # client would undo the gzip that browsers ask for (tests/platform/test_compression.py).
    identity = {"Accept-Encoding": "identity"}
    return (
        {**identity, "Authorization": f"Bearer {seeded}"} if request.param == "token" else identity
    )


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


def test_reads_take_a_token_optionally_and_writes_need_one(client):
    document = client.get("/api/v1/openapi.json").json()
    operations = [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) == 36
    # Reads that answer only a token: an organization's own access requests.
    private = {("get", "/api/v1/datasets/requests")}
    for method, path, operation in operations:
        optional = [{"TokenAuth": []}, {}]
        public_read = method == "get" and (method, path) not in private
        assert operation["security"] == (optional if public_read else [{"TokenAuth": []}])
        codes = {"400", "401", "413"} | ({"403", "422"} if method == "post" else set())
        codes |= {"404"} if "{" in path else set()
        assert set(operation["responses"]) - {"200", "201"} == codes, f"{method} {path}"
        for code in codes:
            content = operation["responses"][code]["content"]
            assert content == {
                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
            }


def test_a_nul_character_is_documented_as_a_400(client):
    document = client.get("/api/v1/openapi.json").json()
    search = document["paths"]["/api/v1/publications"]["get"]["parameters"]
    assert {"type": "string", "maxLength": 200, "pattern": "^[^\\x00]*$"}.items() <= next(
        p["schema"] for p in search if p["name"] == "q"
    ).items()
    title = document["components"]["schemas"]["GapIn"]["properties"]["title"]
    assert title["pattern"] == "^[^\\x00]*$"
    assert document["components"]["schemas"]["GapIn"]["additionalProperties"] is False
    assert "U+0000" in document["paths"]["/api/v1/gaps"]["post"]["responses"]["400"]["description"]
    response = client.get("/api/v1/publications", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request contains a null character")


def test_an_anonymous_write_is_a_401_before_its_body_is_read(client):
    response = client.post("/api/v1/gaps", "{not json", content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Writing needs a personal API token (see your profile page)."
    }


def test_any_other_api_address_is_a_json_404(client):
    for method in (client.get, client.post):
        response = method("/api/v1/gaps/1/nothing")
        assert response.status_code == 404
        assert response.json() == {"detail": "No such API address."}
