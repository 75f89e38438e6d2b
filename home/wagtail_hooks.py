from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import PageViewRestriction


@hooks.register("before_serve_page")
def restricted_pages_do_not_exist_for_those_refused(page, request, serve_args, serve_kwargs):
    """A signed-in person whom a page's login or group restriction refuses gets a 404, as for
    a page that does not exist: Wagtail would send them to sign in again, which tells them
    the page is there. Anonymous visitors are still sent to sign in (Wagtail's own hook, which
    runs after this one); password restrictions keep Wagtail's password form."""
    if not request.user.is_authenticated:
        return None
    restrictions = list(page.get_view_restrictions())
    for restriction in restrictions:
        if restriction.restriction_type != PageViewRestriction.PASSWORD and not (
            restriction.accept_request(request)
        ):
            raise Http404(_("No such page."))
    # Everyone signed in may see it alike: the page cache (network/platform/pagecache.py) may
    # serve it before routing.
    request.unrestricted_page = not restrictions
    return None


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_script():
    """Starts the widgets Wagtail would start with inline scripts (see
    network/platform/admin_csp.py)."""
    return format_html('<script src="{}"></script>', static("network/admin-init.js"))
