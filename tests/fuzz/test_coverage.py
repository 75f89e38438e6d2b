"""The fuzz table covers every view that accepts a POST: a new form without fuzzing fails here."""

import inspect

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import URLResolver, get_resolver

from events.models import EventIndexPage, EventPage
from tests.fuzz.endpoints import ENDPOINTS

# Not ours to fuzz: Wagtail's admin (the editors' own UI and forms), the API (its operations
# with a body are held to the same rule in test_api.py), allauth (its forms are used as
# shipped; test_allauth_forms_are_not_customized guards that) and Wagtail's page- and
# document-privacy password forms (nothing on the site is password-protected).
THIRD_PARTY_PREFIXES = ("admin/", "api/v1/", "accounts/")
THIRD_PARTY_NAMES = {
    "wagtailcore_authenticate_with_password",
    "wagtaildocs_authenticate_with_password",
}


def _patterns(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, prefix + str(pattern.pattern), ns)
        else:
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}", pattern.callback


def _accepts_post(view):
    """A view accepts a POST when its code reads one (require_POST, request.POST, a method
    test): the project's views all say so in their own source."""
    if isinstance(view, Feed):
        return False
    return "POST" in inspect.getsource(inspect.unwrap(view))


def post_views():
    found = set()
    for path, name, view in _patterns(get_resolver()):
        if path.startswith(THIRD_PARTY_PREFIXES) or name in THIRD_PARTY_NAMES:
            continue
        if _accepts_post(view):
            found.add(name)
    # An event page's routes (RoutablePageMixin, events/routes.py) are views of events/views.py.
    for page_class in (EventIndexPage, EventPage):
        for route in page_class.get_subpage_urls():
            if _accepts_post(route.callback):
                found.add(f"events:{route.name}")
    return found


def test_every_post_view_is_fuzzed():
    fuzzed = {endpoint.name for endpoint in ENDPOINTS}
    assert len(fuzzed) == len(ENDPOINTS), "an endpoint is listed twice"
    views = post_views()
    assert views - fuzzed == set(), "POST views without fuzzing"
    assert fuzzed - views == set(), "fuzzed endpoints that are no POST view"


def test_the_search_for_post_views_finds_them():
    # Guards the detection itself: these must be found whatever else changes.
    views = post_views()
    assert {"members:profile", "projects:join", "events:register", "discussions:room"} <= views
    assert not {"members:directory", "projects:detail", "events:calendar", "search"} & views


def test_allauth_forms_are_not_customized():
    """The allauth forms run as shipped (they refuse NUL bytes through Django's own fields and
    the site-wide middleware). Customizing one means adding it to the fuzz table."""
    assert not getattr(settings, "ACCOUNT_FORMS", None)
    assert not getattr(settings, "MFA_FORMS", None)
    assert not getattr(settings, "ACCOUNT_ADAPTER", None)
