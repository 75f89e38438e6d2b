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
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines

from members.rules import is_network_member

TIMEOUT = 300
ACCOUNT_START, ACCOUNT_END = "<!--account-->", "<!--/account-->"
ACCOUNT_TEMPLATE = "includes/account_nav.html"
# Apps whose rows pages show. Discussions are left out: messages are never on cached pages.
TRACKED_APPS = {
    "members",
    "gaps",
    "agenda",
    "library",
    "events",
    "projects",
    "home",
    "wagtailcore",
    "taggit",
}
# The shell of every page: the footer menu comes from the page tree.
SHELL = ("home", "wagtailcore")


def _version_key(app_label):
    return f"pagecache:v:{app_label}"


def bump(app_label):
    """A new version for the app: keys built with the old one are never read again."""
    key = _version_key(app_label)
    try:
        cache.incr(key)
    except ValueError:
        # Missing (first write, or evicted): start from the clock, never from an old number.
        cache.set(key, time.time_ns(), None)


# Saves of only these fields change nothing a cached page shows: every sign-in writes one.
UNSHOWN_FIELDS = {"last_login"}


def _on_write(sender, update_fields=None, **kwargs):
    app_label = sender._meta.app_label
    if update_fields and set(update_fields) <= UNSHOWN_FIELDS:
        return
    if app_label in TRACKED_APPS:
        # At the write, so that later reads in the same transaction see it. A request that
        # reads the new version before the commit and caches the old rows under it keeps them
        # until the next write or TIMEOUT at most. (Not on_commit as well: services' tests
        # count the on-commit callbacks their writes schedule.)
        bump(app_label)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"pagecache-{signal}")


def viewer_class(request, perms=()):
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    flags = [user.is_staff, is_network_member(user), *(user.has_perm(p) for p in perms)]
    return "user:" + "".join("1" if flag else "0" for flag in flags)


def _has_messages(request):
    storage = getattr(request, "_messages", None)
    # len() loads the stored messages without marking them read.
    return storage is not None and len(storage) > 0


def _account_menu(request):
    template = engines["django"].get_template(ACCOUNT_TEMPLATE)
    context = {"user": request.user, "request": request}
    if request.user.is_authenticated:
        context["csrf_token"] = get_token(request)
    return template.render(context)


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


def cached_page(*, depends_on, perms=(), variant=None, before=None):
    """Cache a GET view's page per viewer class (see the module docstring).

    `depends_on`: app labels whose writes invalidate it; `perms`: the permissions its
    template shows things by; `variant(request)`: anything else that sets what the viewer
    sees; `before()`: run on every request, cached or not (due work the page would trigger).
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
            if before is not None:
                before()
            versions = cache.get_many([_version_key(app) for app in apps])
            who = viewer_class(request, perms)
            extra = variant(request) if variant else ""
            raw = "|".join(
                [
                    view.__module__ + "." + view.__qualname__,
                    ",".join(f"{app}={versions.get(_version_key(app), 0)}" for app in apps),
                    who,
                    str(extra),
                    request.get_full_path(),
                ]
            )
            key = "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()
            stored = cache.get(key)
            if stored is not None:
                head, tail, content_type = stored
                menu = f"{ACCOUNT_START}{_account_menu(request)}{ACCOUNT_END}"
                return HttpResponse(head + menu + tail, content_type=content_type)
            response = view(*args, **kwargs)
            shareable = _shareable(response)
            if shareable is not None:
                cache.set(key, shareable, TIMEOUT)
            return response

        return wrapped

    return decorator
