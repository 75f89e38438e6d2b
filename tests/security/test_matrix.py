"""The authorization matrix: every URL pattern, page route and admin pattern, with every
method it accepts, as every role (see rows.py); and no canary in any answer a role gets."""

import re

import pytest

from tests.security import rows as table
from tests.security.matrix import api_operations, check_api, check_site, page_routes, url_patterns
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_a_row():
    covered = {r.route for r in table.SITE}
    routes = [route for route, _ in url_patterns()]
    api_paths = {r.route.split(" ", 1)[1] for r in table.API}
    missing = [
        route
        for route in routes
        if route not in covered
        and not route.startswith(table.ADMIN_PREFIX)
        and _api_path(route) not in api_paths
    ]
    assert missing == [], f"URL patterns without a row in tests/security/rows.py: {missing}"
    stale = sorted(covered - set(routes))
    assert stale == [], f"rows for URL patterns that no longer exist: {stale}"


def _api_path(route):
    """The OpenAPI path of an API URL pattern: api/v1/gaps/<int:pk> is /api/v1/gaps/{pk}."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def test_every_api_operation_has_a_row():
    covered = {r.route for r in table.API}
    operations = set(api_operations())
    assert sorted(operations - covered) == [], "API operations without a row in rows.API"
    assert sorted(covered - operations) == [], "rows.API names operations that do not exist"
    for r in table.API:
        assert list(r.methods) == [r.route.split()[0]], r.route


def test_every_page_route_has_a_row():
    covered = {r.route for r in table.PAGES}
    routes = set(page_routes())
    assert sorted(routes - covered) == [], "page routes without a row in rows.PAGES"
    assert sorted(covered - routes) == [], "rows.PAGES names routes that no longer exist"


# The roles are split over two modules (this one and test_matrix_roles.py) so that the two
# xdist workers share the requests; each module builds its own world once.
FIRST_HALF = ROLES[:6]


@pytest.mark.parametrize("role", FIRST_HALF)
def test_each_role_gets_the_declared_answer_everywhere(world, role):
    check_site(world, role)


@pytest.mark.parametrize("role", FIRST_HALF)
def test_each_role_gets_the_declared_answer_from_the_api(world, role):
    check_api(world, role)
