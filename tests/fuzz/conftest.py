import pytest
from django.db import connection, transaction

from tests.conftest import need
from tests.fuzz.world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """The network every fuzzed example starts from, built once for the fuzz tests a worker
    runs in a row, inside a transaction rolled back after them: the test database stays as
    empty as the other tests expect it."""
    with django_db_blocker.unblock():
        need("PostgreSQL", connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL")
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _plain_template_rendering(monkeypatch):
    """The test environment signals every template render (each <option> of a 250-country
    select included) and the test client copies the context each time: most of a fuzzed
    request's cost. The fuzz tests read what the person sees from the page and the messages
    instead, so templates render here as they do in production."""
    import django.test.client
    from django.template import Template
    from django.test.utils import _TestState

    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)
    monkeypatch.setattr(django.test.client, "store_rendered_templates", lambda *a, **k: None)
