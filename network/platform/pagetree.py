"""Wagtail's page tree as serving a page reads it, remembered per process until a page is
written.

To serve /events/ Wagtail found the site (one query), the active locale (one), the home page
and the events page with their specific rows (three), and the view restrictions of the page
and its ancestors (two, twice for a signed-in reader); `public()` read every restriction again
and `Locale.get_default()` the locale: eleven queries, half the CPU of the page, for facts that
change only when an editor publishes. Here the same facts are kept as Wagtail itself finds
them, in a snapshot per process that belongs to the current versions of the apps holding page
rows (`network.platform.cache`: any write to them bumps their version, on every node), so an
answer is never older than the last write. Nothing is invalidated: a new version is a new
snapshot.

- `serve` (the page URL pattern) gives Wagtail's own `serve` the site, the route and the site
  root paths (for page URLs) it would find, from the snapshot.
- `RememberedPages` (a mixin of every page model) answers `get_view_restrictions` without a
  query when the site has no view restriction at all, and `RememberedPageQuerySet.public()`
  builds Wagtail's own exclusion from the remembered restrictions.
- `default_locale()` is `Locale.get_default()`, remembered.
"""

import copy
import threading
from collections import OrderedDict

from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageManager, PageViewRestriction, Site, get_page_models
from wagtail.query import PageQuerySet

from .cache import app_version, versions

# Routes remembered per snapshot (paths asked for, found or not): the oldest leave first.
ROUTES = 2048


class _Snapshot:
    def __init__(self, current):
        self.current = current
        self.lock = threading.Lock()
        self.sites = {}
        self.routes = OrderedDict()
        self._restrictions = None
        self._default_locale = None
        self._root_paths = None

    def restrictions(self):
        """Every view restriction with its page (Wagtail's `private_q` reads the same)."""
        if self._restrictions is None:
            self._restrictions = list(PageViewRestriction.objects.select_related("page"))
        return self._restrictions

    def root_paths(self):
        """Wagtail's `Site.get_site_root_paths()` (a cache read each time)."""
        if self._root_paths is None:
            self._root_paths = Site.get_site_root_paths()
        return self._root_paths

    def default_locale(self):
        if self._default_locale is None:
            self._default_locale = Locale.get_default()
        return self._default_locale

    def remember_route(self, key, result):
        with self.lock:
            self.routes[key] = result
            if len(self.routes) > ROUTES:
                self.routes.popitem(last=False)

    def route(self, key):
        with self.lock:
            if key not in self.routes:
                return _MISSING
            self.routes.move_to_end(key)
            return self.routes[key]


_MISSING = object()
_lock = threading.Lock()
_snapshot = _Snapshot(None)


def _page_apps():
    """The apps whose writes can change what routing finds: Wagtail's own (pages, sites,
    locales, restrictions, revisions) and every app with a page model, since saving a specific
    page is a write of its own app."""
    return sorted({"wagtailcore", *(model._meta.app_label for model in get_page_models())})


def snapshot():
    """The page tree's facts for the current versions of the page apps (one cache read)."""
    global _snapshot
    names = [app_version(app) for app in _page_apps()]
    found = versions(names)
    current = tuple(found[name] for name in names)
    with _lock:
        if _snapshot.current != current:
            _snapshot = _Snapshot(current)
        return _snapshot


def default_locale():
    """`Locale.get_default()`, remembered until a page app is written."""
    return snapshot().default_locale()


def _site(tree, request):
    """Wagtail's `Site.find_for_request`, remembered per host and port."""
    key = (request._get_raw_host(), request.get_port())
    site = tree.sites.get(key, _MISSING)
    if site is _MISSING:
        site = tree.sites[key] = Site.find_for_request(request)
    request._wagtail_site = site
    return site


def serve(request, path):
    """Wagtail's page view, given the site and the route Wagtail would find for this host,
    language and path (found once per snapshot; each request gets its own copy of the page,
    which views may annotate)."""
    tree = snapshot()
    site = _site(tree, request)
    key = (site.pk if site else None, get_language(), path)
    found = tree.route(key)
    if found is _MISSING:
        found = Page.route_for_request(request, path)
        tree.remember_route(key, found)
    if found is not None:
        page, args, kwargs = found
        found = type(found)(copy.copy(page), args, kwargs)
    request._wagtail_route_for_request = found
    # Where Wagtail looks for the site root paths when the page writes its own URLs.
    request._wagtail_cached_site_root_paths = tree.root_paths()
    from wagtail import views  # not at import: it loads models, and page models import this

    return views.serve(request, path)


class RememberedPageQuerySet(PageQuerySet):
    def private_q(self):
        # Wagtail's own rule, over the remembered restrictions instead of a query.
        q = Q()
        for restriction in snapshot().restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        return q if q else Q(pk__in=[])


RememberedPageManager = PageManager.from_queryset(RememberedPageQuerySet)


class RememberedPages:
    """A page model's view restrictions without a query while the site has none (Wagtail's
    own queries otherwise, aliases and ancestors included), and its URL from the remembered
    site root paths when no request holds them (`page.url` in a list or a search hit read the
    shared cache once per page). A model whose lists call `public()` also sets
    `objects = RememberedPageManager()`."""

    def get_view_restrictions(self):
        if not snapshot().restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        if cache_object is None and not kwargs:
            return snapshot().root_paths()
        return super()._get_site_root_paths(cache_object, **kwargs)
