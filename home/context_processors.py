from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from network.platform.languages import page_texts


def site_menu(request):
    """The pages editors chose to show in menus (About, Ethics, Contact…), for the footer;
    the areas of the site have fixed links in the main navigation. Plain pages, not their
    specific kinds: the menu shows only title, URL and search description, all of the base
    page (specific() cost a query more on every page); titles and descriptions in the reader's
    language where the page is translated (one query more, then). Read only when a template
    shows the menu."""

    def items():
        site = Site.find_for_request(request)
        if site is None:
            return []
        pages = list(site.root_page.get_children().live().in_menu().public())
        texts = page_texts(pages, fields=("title", "search_description"))
        return [{"url": page.url, **texts[page.pk]} for page in pages]

    return {"site_menu": SimpleLazyObject(items)}
