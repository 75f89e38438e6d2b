from wagtail.models import Site


def site_menu(request):
    """The pages editors chose to show in menus (About, Ethics, Contact…), for the footer;
    the areas of the site have fixed links in the main navigation. Plain pages, not their
    specific kinds: the menu shows only title, URL and search description, all of the base
    page (specific() cost a query more on every page)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_menu": []}
    return {"site_menu": site.root_page.get_children().live().in_menu().public()}
