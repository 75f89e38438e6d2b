"""What the matrix suites share: the inventory of routes, sending a request that changes
nothing, and reading an answer."""

import json
import re

from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver
from wagtail.models import get_page_models

from tests.security.rows import LOGIN, OK
from tests.security.world import ANON, MEMBER_A, STAFF, Canary


def url_patterns(resolver=None, prefix=""):
    """(route, pattern) for every URL pattern, includes walked recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, route)
        else:
            yield route, pattern


def page_routes():
    """ "<app_label.Model>:<route>" for every page type and each of its routes."""
    for model in get_page_models():
        label = model._meta.label
        if hasattr(model, "get_subpage_urls"):
            for pattern in model.get_subpage_urls():
                yield f"{label}:{pattern.pattern}"
        else:
            yield f"{label}:"


def admin_url(route):
    """A concrete URL for an admin pattern: numbers for ids, a word for everything else."""
    url = route
    url = re.sub(r"\(\?P<[^>]+>live\|earliest\|\\d\+\)", "earliest", url)
    url = re.sub(r"\(\?P<[^>]+>live\|latest\|\\d\+\)", "latest", url)
    url = re.sub(r"\(\?P<[^>]+>\\d\+\)", "1", url)
    url = url.replace("\\.", ".").replace("^.*/$", "no-such-admin-page/")
    url = url.replace("^", "").replace("$", "")
    url = re.sub(r"<int:[^>]+>", "1", url)
    url = re.sub(r"<[^>]+>", "x", url)
    return "/" + url


def client_for(world, role):
    """A client with the role's session: a request that logs out cannot change who the next
    request is made as. Errors come back as 500s to be reported, not raised."""
    from django.conf import settings

    client = Client(raise_request_exception=False)
    if role != ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def send(world, role, method, url, **extra):
    """The request, as the role, inside a savepoint that is rolled back: it changes nothing."""
    client = client_for(world, role)
    with transaction.atomic():
        response = client.generic(
            method,
            url,
            "",
            content_type="application/x-www-form-urlencoded",
            **extra,
        )
        transaction.set_rollback(True)
    return response


def body_of(response):
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode(errors="replace")


def observed(response):
    """The answer as the rows write it."""
    status = response.status_code
    location = response.get("Location", "")
    if status == 302 and location.startswith(("/accounts/login/", "/admin/login/")):
        return LOGIN
    return status


def matches(expected, response):
    answer = observed(response)
    if expected == OK:
        return answer in (200, 400) or answer in (301, 302, 303)
    return answer == expected


def leaks(role, text):
    """The canaries hidden from `role` that appear in `text`."""
    return [c for c in Canary.hidden_from(role) if c.lower() in text.lower()]


def api_operations():
    """ "<METHOD> <path>" for every operation in the API's OpenAPI schema."""
    from network.api import api

    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            yield f"{method.upper()} {path}"


def send_api(world, role, method, url, body=None):
    """An API call with the role's personal token (none for anonymous), rolled back."""
    client = Client(raise_request_exception=False)
    headers = {} if role == ANON else {"Authorization": f"Bearer {world.tokens[role]}"}
    with transaction.atomic():
        response = client.generic(
            method,
            url,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=headers,
        )
        transaction.set_rollback(True)
    return response


# A method a view does not take is refused before anyone's role is looked at
# (require_POST under login_required): checked as anonymous, a member and staff only.
METHOD_CHECKERS = (ANON, MEMBER_A, STAFF)


def _report(role, wrong, leaked):
    assert wrong == [], f"{role}: {len(wrong)} wrong answers:\n" + "\n".join(wrong)
    assert leaked == [], f"{role} was shown canaries:\n" + "\n".join(leaked)


def check_site(world, role):
    """Every site and page row, each method, as `role`: the declared answer, no canary."""
    from tests.security import rows as table

    wrong, leaked = [], []
    for row in table.all_rows():
        url = row.url(world)
        for method, expected in row.methods.items():
            if expected[role] == 405 and role not in METHOD_CHECKERS:
                continue
            response = send(world, role, method, url)
            if not matches(expected[role], response):
                wrong.append(
                    f"{method} {url} ({row.route}{' — ' + row.note if row.note else ''}): "
                    f"expected {expected[role]}, got {observed(response)}"
                )
            if found := leaks(role, body_of(response) + str(response.headers)):
                leaked.append(f"{method} {url}: {found}")
    _report(role, wrong, leaked)


def check_api(world, role):
    """Every API operation row as `role`, with the role's token: the declared answer."""
    from tests.security import rows as table

    wrong, leaked = [], []
    for row in table.API:
        url = row.url(world)
        for method, expected in row.methods.items():
            body = row.body(world) if row.body else None
            response = send_api(world, role, method, url, body)
            if not matches(expected[role], response):
                wrong.append(
                    f"{row.route} {url}{' — ' + row.note if row.note else ''}: "
                    f"expected {expected[role]}, got {observed(response)}: "
                    f"{response.content[:200]!r}"
                )
            if found := leaks(role, body_of(response)):
                leaked.append(f"{method} {url}: {found}")
    _report(role, wrong, leaked)


def check_admin(world, role):
    """Every admin pattern, GET and POST, as `role` (anonymous or a non-editor)."""
    from tests.security import rows as table

    wrong = []
    for route, _ in url_patterns():
        if not route.startswith(table.ADMIN_PREFIX):
            continue
        url = admin_url(route)
        for method in ("GET", "POST"):
            expected = table.ADMIN_OPEN.get(route, {}).get(method, LOGIN)
            response = send(world, role, method, url)
            if not matches(expected, response):
                wrong.append(
                    f"{method} {url} ({route}): expected {expected}, got {observed(response)}"
                )
            if found := leaks(role, body_of(response)):
                wrong.append(f"{method} {url} leaks {found}")
    _report(role, wrong, [])
