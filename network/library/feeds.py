from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import selectors


class NewPublicationsFeed(Feed):
    """RSS 2.0: the latest publications added to the library, newest first."""

    title = _("Inter Agency Research Network — new publications")
    link = reverse_lazy("library:list")
    description = _("Publications that member organizations have added to the library.")

    def items(self):
        return selectors.recent_publications(limit=30)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        names = [o.name for o in item.publishers.all()]
        return ", ".join(names + ([item.other_publishers] if item.other_publishers else []))

    def item_categories(self, item):
        return [item.get_type_display()]
