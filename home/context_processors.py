from wagtail.models import Site

from .models import StandardPage


def site_menu(request):
    """The standard pages (About, Ethics, Contact…) editors chose to show in menus; the
    areas of the site have fixed links in the main navigation."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_menu": []}
    return {
        "site_menu": site.root_page.get_children()
        .type(StandardPage)
        .live()
        .in_menu()
        .public()
        .specific(defer=True)
    }
