from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from network.platform.cache import app_version, versioned
from network.platform.languages import page_texts

# The menu changes only when editors publish, move or restrict pages: any write to Wagtail's
# pages bumps this version, and an hour bounds what a missed signal could leave.
MENU_TIMEOUT = 3600


def site_menu(request):
    """The pages editors chose to show in menus (About, Ethics, Contact…), for the footer;
    the areas of the site have fixed links in the main navigation. Plain pages, not their
    specific kinds: the menu shows only title, URL and search description, all of the base
    page (specific() cost a query more on every page); titles and descriptions in the reader's
    language where the page is translated. Read only when a template shows the menu, and kept
    in the shared cache per host and language until a page changes (three queries and the
    URL routing of every page saved on every page view)."""

    def items():
        site = Site.find_for_request(request)
        if site is None:
            return []
        pages = list(site.root_page.get_children().live().in_menu().public())
        texts = page_texts(pages, fields=("title", "search_description"))
        return [{"url": page.url, **texts[page.pk]} for page in pages]

    def cached_items():
        key = f"site-menu:{request.get_host()}:{get_language()}"
        return versioned(app_version("wagtailcore"), key, items, MENU_TIMEOUT)

    return {"site_menu": SimpleLazyObject(cached_items)}
