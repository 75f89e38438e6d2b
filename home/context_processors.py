from wagtail.models import Site


def site_menu(request):
    """The home page's children that editors chose to show in menus."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_menu": []}
    return {
        "site_menu": site.root_page.get_children().live().in_menu().public().specific(defer=True)
    }
