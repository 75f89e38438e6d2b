"""In CI the suite runs against the real services; this proves it did."""

import os

import pytest
from django.db import connection

from tests.conftest import REQUIRE_SERVICES


@pytest.mark.django_db
@pytest.mark.skipif(not REQUIRE_SERVICES, reason="only CI must run against PostgreSQL")
def test_ci_database_is_postgresql():
    assert connection.vendor == "postgresql", os.environ.get("DATABASE_URL")
