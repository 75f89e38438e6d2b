from csp.constants import SELF, UNSAFE_INLINE

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
