"""POST views of countries and rounds, decisions, notices, the data catalogue and email
preferences: see
tests/fuzz/forms.py."""

import pytest

from tests.fuzz import forms
from tests.fuzz.endpoints import (
    CATALOGUE,
    COUNTRY_ROUNDS,
    DECISIONS,
    EMAIL,
    GROUPS,
    NOTICES,
)

pytestmark = pytest.mark.django_db
ENDPOINTS = [*COUNTRY_ROUNDS, *DECISIONS, *GROUPS, *NOTICES, *CATALOGUE, *EMAIL]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_form_survives_fuzzing(endpoint, world, client):
    forms.fuzz(endpoint, world, client)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_valid_body_writes_what_it_should(endpoint, world, client):
    forms.valid(endpoint, world, client)
