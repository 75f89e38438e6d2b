from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Site

from network.platform.cache import app_version, versions


def site_menu(request):
    """The pages editors chose to show in menus (About, Ethics, Contact…), for the footer;
    the areas of the site have fixed links in the main navigation. Every page shows it, so it
    is cached per host and language until a page is written (the shell's apps' versions:
    a page save bumps its own app, a revision or a move bumps wagtailcore's); finding the
    site and its public pages cost three queries and about 5 ms a page."""
    current = versions([app_version(app) for app in settings.PAGE_CACHE_SHELL])
    key = ":".join(["site-menu", request.get_host(), get_language(), *map(str, current.values())])
    menu = cache.get(key)
    if menu is None:
        menu = _menu(request)
        cache.set(key, menu, 3600)
    return {"site_menu": menu}


def _menu(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = site.root_page.get_children().live().in_menu().public().specific(defer=True)
    return [
        {"title": p.title, "url": p.get_url(request), "search_description": p.search_description}
        for p in pages
    ]
