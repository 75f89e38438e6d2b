from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from events import selectors as event_selectors
from members import selectors as member_selectors
from network.platform import languages
from network.platform.pagecache import cached_page
from network.platform.pagetree import RememberedPageManager, RememberedPages


class TranslatedTextMixin:
    """The page's template shows `content`, the text of its translation in the reader's
    language (network/platform/languages.py), beside `page`, the page routed to."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(languages.page_text(self, request))
        return context


class HomePage(RememberedPages, TranslatedTextMixin, Page):
    """The site's front door. A Page: editors write it and it is the root of the site tree."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "events.EventIndexPage"]
    max_count = 1

    def route(self, request, path_components):
        # Wagtail routes from the home page's translation in the reader's language; URLs are
        # the same in every language, so route in the default locale's tree, where every page
        # exists (a page not yet translated is shown in English, never a 404).
        site = Site.find_for_request(request)
        if site is not None and site.root_page_id != self.pk:
            return site.root_page.specific.route(request, path_components)
        return super().route(request, path_components)

    @cached_page(depends_on=["members", "events"])
    def serve(self, request, *args, **kwargs):
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = {
            **member_selectors.network_figures(),
            "upcoming_events": event_selectors.upcoming_events().count(),
        }
        return context


class StandardPage(RememberedPages, TranslatedTextMixin, Page):
    """About, Ethics and data protection, Contact: editorial text with its own URL."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    body = RichTextField(
        blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"]
    )

    objects = RememberedPageManager()

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
