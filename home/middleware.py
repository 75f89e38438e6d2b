import json

from csp.constants import SELF, UNSAFE_INLINE
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.shortcuts import render

# Wagtail's admin still renders inline <script> blocks (InlinePanel, date widgets) and shows
# page previews in a same-origin iframe, so under /admin/ only, scripts may be inline and
# the admin may frame itself. The public site keeps the strict policy from settings.
ADMIN_POLICY = {"script-src": [SELF, UNSAFE_INLINE], "frame-ancestors": [SELF]}


class AdminContentSecurityPolicyMiddleware:
    """Loosens the CSP for Wagtail admin responses only. Must sit after CSPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_replace = ADMIN_POLICY
        return response


NULL_CHARACTER_MESSAGE = (
    "The request contains a null character (U+0000), which no field of this site accepts. "
    "Remove it and send the request again."
)
TOO_LARGE_MESSAGE = (
    "The request is larger than this site accepts ({limit} MB; uploads at most 20 MB). "
    "Send a smaller file or shorter text."
)
TOO_MANY_MESSAGE = "The request has more fields or files than any form of this site. Send less."


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
            return self._refuse(request, 413, TOO_LARGE_MESSAGE.format(limit=limit // 2**20))
        try:
            carries_nul = self._carries_nul(request)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return self._refuse(request, 413, TOO_LARGE_MESSAGE.format(limit=limit / 2**20))
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
            return JsonResponse({"detail": message}, status=status)
        return render(request, "400.html", {"message": message}, status=status)
