"""What the event views share: sub-page links and the organizers-only check."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

PAGE_SIZE = 12


def _sub(page, request, name, **kwargs):
    # A page previewed before its first save has no URL yet.
    base = page.get_url(request) or "/"
    return base + page.reverse_subpage(name, kwargs=kwargs or None)


def _require_manager(request, page):
    """Anonymous people are sent to sign in; signed-in people without the role are refused."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("events.manage_event", page):
        raise PermissionDenied
    return None
