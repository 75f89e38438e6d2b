from csp.constants import SELF
from django.utils.cache import patch_cache_control, patch_vary_headers

# The Wagtail admin runs under the site's strict policy (no inline script: home/admin_csp.py
# starts the widgets Wagtail would start inline). Its one need of its own: the editor shows a
# page's preview in a same-origin iframe, so preview responses, and only those, may be framed
# by the admin itself.
PREVIEW_POLICY = {"frame-ancestors": [SELF]}


def _is_admin_preview(path):
    return path.startswith("/admin/") and "/preview/" in path


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
