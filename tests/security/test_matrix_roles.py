"""The second half of the roles (see test_matrix.py), the admin, and staff in the admin."""

import pytest

from tests.security import rows as table
from tests.security.matrix import check_admin, check_api, check_site, send
from tests.security.world import ANON, MEMBER_A, ROLES, STAFF

pytestmark = pytest.mark.django_db

SECOND_HALF = ROLES[6:]


@pytest.mark.parametrize("role", SECOND_HALF)
def test_each_role_gets_the_declared_answer_everywhere(world, role):
    check_site(world, role)


@pytest.mark.parametrize("role", SECOND_HALF)
def test_each_role_gets_the_declared_answer_from_the_api(world, role):
    check_api(world, role)


@pytest.mark.parametrize("role", [ANON, MEMBER_A])
def test_the_admin_sends_everyone_but_editors_to_sign_in(world, role):
    check_admin(world, role)


def test_staff_reach_the_admin(world):
    for url in table.ADMIN_STAFF:
        response = send(world, STAFF, "GET", url)
        assert response.status_code == 200, url
