"""Shared cache of the busiest list pages, per kind of viewer, invalidated on every write.

A page is cached once per *viewer class*: anonymous, or signed in with the staff flag, the
network-membership flag and the result of each permission the page's template asks about,
plus whatever the page adds (the drafts a person's team may see). Two people in one class see
the same page, so they share it; anything that tells them apart must be in the class.

What is personal in the site shell — the account menu with the person's name and the
sign-out form's CSRF token — is cut out of the stored page and rendered afresh for each
request. A request with flash messages waiting is never served from, nor stored in, the
cache; nor is a response that sets cookies or carries a CSRF token elsewhere.

Each page depends on some apps; the cache key carries each app's version, which any save or
delete of a model of that app bumps as it happens. Signals rather than
services do the bumping because every write path must: services, the Wagtail admin,
publishing, scripts.
Entries also expire after TIMEOUT, which bounds what depends on the clock (an event
passing from upcoming to past).
"""

import hashlib
import math
import time
from contextlib import contextmanager
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.utils.translation import get_language

from network.platform.cache import app_version, bump, versions

TIMEOUT = 300
ACCOUNT_START, ACCOUNT_END = "<!--account-->", "<!--/account-->"
ACCOUNT_TEMPLATE = "includes/account_nav.html"
# Apps whose rows pages show, and the shell of every page (settings.PAGE_CACHE_APPS and
# PAGE_CACHE_SHELL: the wiring names the apps, the platform knows none of them).
TRACKED_APPS = frozenset(settings.PAGE_CACHE_APPS)
SHELL = tuple(settings.PAGE_CACHE_SHELL)


# Saves of only these fields change nothing a cached page shows: every sign-in writes the
# first, the language switcher the second.
UNSHOWN_FIELDS = {"last_login", "interface_language"}


def _on_write(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= UNSHOWN_FIELDS:
        return
    # At the write, so that later reads in the same transaction see it. A request that reads
    # the new version before the commit and caches the old rows under it keeps them until the
    # next write or TIMEOUT at most. (Not on_commit as well: services' tests count the
    # on-commit callbacks their writes schedule.)
    bump(app_version(sender._meta.app_label))


def receivers():
    """(signal, model, dispatch uid) for every model of the tracked apps, their many-to-many
    tables included."""
    for label in sorted(TRACKED_APPS):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            for signal in (post_save, post_delete, m2m_changed):
                yield signal, model, f"pagecache-{model._meta.label}-{signal}"


def connect_signals():
    for signal, model, uid in receivers():
        signal.connect(_on_write, sender=model, dispatch_uid=uid)


# What sets signed-in viewers apart on a shared page besides the staff flag and the page's
# own permissions (membership of the network): registered by the app that owns it.
_viewer_flags = []


def register_viewer_flag(flag):
    _viewer_flags.append(flag)


def viewer_class(request, perms=()):
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    flags = [
        user.is_staff,
        *(flag(user) for flag in _viewer_flags),
        *(user.has_perm(p) for p in perms),
    ]
    return "user:" + "".join("1" if flag else "0" for flag in flags)


def _has_messages(request):
    storage = getattr(request, "_messages", None)
    # len() loads the stored messages without marking them read.
    return storage is not None and len(storage) > 0


def _account_menu(request):
    template = engines["django"].get_template(ACCOUNT_TEMPLATE)
    # `from_page_cache` tells the menu that the page came before routing: what it shows there
    # must come from the cache alone, so that a hit stays free of the apps' queries.
    context = {"user": request.user, "request": request, "from_page_cache": True}
    if request.user.is_authenticated:
        context["csrf_token"] = get_token(request)
    return template.render(context)


# Says whether a response came from the page cache ("hit") or was rendered ("miss"): the
# benchmark's varied run counts it; nothing about the page's content or its viewer.
CACHE_HEADER = "X-Page-Cache"


def _served(request, stored, *, hit):
    """The stored page with this person's own account menu put back in."""
    head, tail, content_type = stored
    menu = f"{ACCOUNT_START}{_account_menu(request)}{ACCOUNT_END}"
    response = HttpResponse(head + menu + tail, content_type=content_type)
    response[CACHE_HEADER] = "hit" if hit else "miss"
    return response


def _shareable(response):
    """The response's body split around the account menu, or None if it must not be shared."""
    if getattr(response, "is_rendered", True) is False:
        response.render()
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or not response.get("Content-Type", "").startswith("text/html")
        or "private" in response.get("Cache-Control", "")
        or "no-store" in response.get("Cache-Control", "")
    ):
        return None
    body = response.content.decode(response.charset)
    start, end = body.find(ACCOUNT_START), body.find(ACCOUNT_END)
    if start < 0 or end < start:
        return None
    before, after = body[:start], body[end + len(ACCOUNT_END) :]
    if "csrfmiddlewaretoken" in before or "csrfmiddlewaretoken" in after:
        return None
    return before, after, response["Content-Type"]


def _versions(apps):
    """(app, version) pairs for the apps, in a stable order: part of every key."""
    current = versions([app_version(app) for app in apps])
    return tuple((app, current[app_version(app)]) for app in apps)


def _fast_key(request, who):
    """Where the fast path finds a page: scheme, host and full path (API responses carry
    absolute URLs), the viewer class and the language (LocaleMiddleware and the profile's
    language have chosen it before this runs)."""
    raw = f"{who}|{get_language()}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    # The number changes with the entry's shape, so a deploy never reads an older one.
    return "pagecache:fast:4:" + hashlib.sha256(raw.encode()).hexdigest()


def _perms_key(request):
    """The permissions the page at this address shows things by: what a signed-in person's
    viewer class is made of, read before the view is known."""
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "pagecache:perms:" + hashlib.sha256(raw.encode()).hexdigest()


def _stateless(request):
    """A visitor with no session at all and no flash messages. Not merely signed out: a
    session can hold the password of a password-protected page."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not _has_messages(request)


# A missed page is rendered by one request at a time: the others that miss it meanwhile wait
# for its entry (up to RENDER_WAIT seconds) instead of all rendering the same page at once,
# which on a cold cache queued a second of work per waiting request behind it.
RENDER_WAIT = 5.0
RENDER_POLL = 0.02


@contextmanager
def _rendering(key):
    claimed = cache.add(f"{key}:rendering", 1, RENDER_WAIT)
    try:
        yield
    finally:
        if claimed:
            cache.delete(f"{key}:rendering")


def _wait_for_other_render(key):
    """The entry once another request has rendered it; None at once when none is rendering
    it (or the cache is unreachable), or if it takes longer than RENDER_WAIT."""
    deadline = time.monotonic() + RENDER_WAIT
    while cache.get(f"{key}:rendering") and time.monotonic() < deadline:
        time.sleep(RENDER_POLL)
        stored = cache.get(key)
        if stored is not None:
            return stored
    return None


def cached_page(*, depends_on, perms=(), variant=None, until=None):
    """Cache a GET view's page per viewer class (see the module docstring).

    `depends_on`: app labels whose writes invalidate it; `perms`: the permissions its
    template shows things by; `variant(request)`: anything else that sets what the viewer
    sees; `until()`: when the page next changes with no write (a datetime, or None for
    never), which no stored copy outlives.
    The page may also be kept for FastPageCacheMiddleware, which serves it before URL routing,
    unless the view has a variant.
    """
    apps = sorted({*depends_on, *SHELL})

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            # Plain views get the request first; page methods (self, request).
            request = args[0] if isinstance(args[0], HttpRequest) else args[1]
            if (
                not settings.PAGE_CACHE
                or request.method not in ("GET", "HEAD")
                or _has_messages(request)
            ):
                return view(*args, **kwargs)
            # Read before the view renders: a page rendered a moment after it is stored briefly.
            due = until() if until is not None else None
            current = _versions(apps)
            who = viewer_class(request, perms)
            extra = variant(request) if variant else ""
            raw = "|".join(
                [
                    view.__module__ + "." + view.__qualname__,
                    ",".join(f"{app}={version}" for app, version in current),
                    who,
                    get_language() or "",
                    str(extra),
                    request.get_full_path(),
                ]
            )
            key = "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()
            stored = cache.get(key) or _wait_for_other_render(key)
            hit = stored is not None
            if not hit:
                with _rendering(key):
                    response = view(*args, **kwargs)
                    stored = _shareable(response)
                    if stored is None:
                        return response
                    cache.set(key, stored, _timeout(due))
            if not extra:
                _keep_for_fast_path(request, who, perms, current, stored, due)
            return _served(request, stored, hit=hit)

        return wrapped

    return decorator


def _timeout(due):
    """Whole seconds (Redis takes no fraction), rounded up: a stored page outlives its
    deadline by less than a second."""
    if due is None:
        return TIMEOUT
    return max(1, min(TIMEOUT, math.ceil(due.timestamp() - time.time())))


def _keep_for_fast_path(request, who, perms, current, stored, due):
    """Keep the page for FastPageCacheMiddleware when the view's outcome is the same for
    everyone of the viewer class: visitors without a session; signed-in people on a Wagtail
    page with no view restriction (home/wagtail_hooks.py marks those), since a group or
    password restriction lets through people that the viewer class does not tell apart."""
    if _stateless(request):
        pass
    elif not (request.user.is_authenticated and getattr(request, "unrestricted_page", False)):
        return
    else:
        cache.set(_perms_key(request), tuple(perms), TIMEOUT)
    deadline = due.timestamp() if due is not None else None
    cache.set(_fast_key(request, who), (current, deadline, stored), TIMEOUT)


def _current(entry):
    built_from, deadline, _ = entry
    return (deadline is None or time.time() < deadline) and built_from == _versions(
        [app for app, _ in built_from]
    )


class FastPageCacheMiddleware:
    """Cached pages and token-less API reads, answered before URL routing, Wagtail's page
    tree, its hooks and the view.

    Pages: what `cached_page` kept for the fast path (see `_keep_for_fast_path`), with the
    person's own account menu put in. API GETs without an `Authorization` header (the open
    register, the same for everyone): kept here, depending on every tracked app. An entry is
    served only while the versions it was built from are still current. Sits after the
    middleware that sets headers (security, CSP, frame options), after MessageMiddleware (a
    request with flash messages waiting never takes the fast path) and after
    TwoFactorRequiredMiddleware.
    """

    API_PREFIX = "/api/v1/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path.startswith(self.API_PREFIX):
            return self._api(request)
        if _has_messages(request):
            return self.get_response(request)
        if _stateless(request):
            who = "anonymous"
        else:
            perms = cache.get(_perms_key(request)) if request.user.is_authenticated else None
            if perms is None:
                return self.get_response(request)
            who = viewer_class(request, perms)
        entry = cache.get(_fast_key(request, who))
        if entry is None or not _current(entry):
            return self.get_response(request)
        return _served(request, entry[2], hit=True)

    def _api(self, request):
        if "HTTP_AUTHORIZATION" in request.META:
            return self.get_response(request)
        key = _fast_key(request, "api")
        entry = cache.get(key)
        if entry is not None and _current(entry):
            body, content_type = entry[2]
            response = HttpResponse(body, content_type=content_type)
            response[CACHE_HEADER] = "hit"
            return response
        # Versions read before the view: a write while it runs leaves the entry stale-marked.
        current = _versions(sorted(TRACKED_APPS))
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("application/json")
        ):
            entry = (current, None, (response.content, response["Content-Type"]))
            cache.set(key, entry, TIMEOUT)
            response[CACHE_HEADER] = "miss"
        return response
