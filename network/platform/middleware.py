import json

from csp.constants import SELF
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _

from .cache import versions_read_once

# The Wagtail admin runs under the site's strict policy (no inline script: admin_csp.py
# starts the widgets Wagtail would start inline). Its one need of its own: the editor shows a
# page's preview in a same-origin iframe, so preview responses, and only those, may be framed
# by the admin itself.
PREVIEW_POLICY = {"frame-ancestors": [SELF]}


def _is_admin_preview(path):
    return path.startswith("/admin/") and "/preview/" in path


class VersionsReadOncePerRequestMiddleware:
    """Each cache version is read once per request (network/platform/cache.py). First."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with versions_read_once():
            return self.get_response(request)


# What is worth compressing: pages, feeds, JSON and CSV. Documents (PDF, Word) and images are
# compressed already or not worth the CPU; static files come compressed from collectstatic.
COMPRESSED_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/javascript",
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text answers only. A list page shrinks about five times
    (26 kB of /projects/ on the large network). Django's own precautions against BREACH stay:
    a random number of random bytes in each answer's gzip header (Heal The Breach), and CSRF
    tokens masked anew in every answer. Sits after WhiteNoise, which serves the static
    files' own .gz copies."""

    def process_response(self, request, response):
        kind = response.get("Content-Type", "")
        if not kind.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)


class AdminContentSecurityPolicyMiddleware:
    """Lets the admin frame its own previews. Must sit after CSPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_admin_preview(request.path):
            response._csp_replace = PREVIEW_POLICY
            # frame-ancestors 'self' says the same to every current browser.
            response.headers.pop("X-Frame-Options", None)
        return response


class PrivateResponsesMiddleware:
    """Whatever is rendered for a signed-in person (or for an API token) is theirs alone: no
    browser cache, proxy or CDN may keep it, so a shared computer or cache never shows one
    person's page to the next. Must sit after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            if "no-store" not in response.get("Cache-Control", ""):
                response.headers.pop("Expires", None)
                patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response


NULL_CHARACTER_MESSAGE = _(
    "The request contains a null character (U+0000), which no field of this site accepts. "
    "Remove it and send the request again."
)
TOO_LARGE_MESSAGE = _(
    "The request is larger than this site accepts (%(limit)s MB; uploads at most 20 MB). "
    "Send a smaller file or shorter text."
)
TOO_MANY_MESSAGE = _("The request has more fields or files than any form of this site. Send less.")


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _querydict_has_nul(data):
    return any("\x00" in key or any(_has_nul(v) for v in data.getlist(key)) for key in data)


class RefuseBadRequestsMiddleware:
    """Refuses, with a status and a sentence that say why, what no view could handle:

    - a body larger than MAX_REQUEST_BYTES (413, before it is read), or whose fields pass
      DATA_UPLOAD_MAX_MEMORY_SIZE (413) or DATA_UPLOAD_MAX_NUMBER_FIELDS / _FILES (400);
      Django would answer those with a bare 400, and a JSON API with an HTML page;
    - a NUL character in the path, a query parameter, a form field, a file name or a JSON
      string (400): PostgreSQL cannot store U+0000 and psycopg raises ValueError (a 500) for
      any query carrying one. Uploaded files' contents are not looked at.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return self._refuse(request, 413, TOO_LARGE_MESSAGE % {"limit": limit // 2**20})
        try:
            carries_nul = self._carries_nul(request)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return self._refuse(request, 413, TOO_LARGE_MESSAGE % {"limit": limit / 2**20})
        except (TooManyFieldsSent, TooManyFilesSent):
            return self._refuse(request, 400, TOO_MANY_MESSAGE)
        if carries_nul:
            return self._refuse(request, 400, NULL_CHARACTER_MESSAGE)
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request):
        if "\x00" in request.path or _querydict_has_nul(request.GET):
            return True
        if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
            return False
        api = request.path.startswith("/api/")
        if not api and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            # Not under /api/: parsing a multipart body here would leave the API's JSON
            # parser without one (Django keeps no copy of a streamed multipart body).
            names = [f.name or "" for _, files in request.FILES.lists() for f in files]
            return _querydict_has_nul(request.POST) or _has_nul(names)
        if request.content_type == "application/json" or request.content_type.endswith("+json"):
            try:
                return _has_nul(json.loads(request.body))
            except ValueError:
                return False  # not JSON: the view says so
        return False

    @staticmethod
    def _refuse(request, status, message):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(message)}, status=status)
        return render(request, "400.html", {"message": message}, status=status)
