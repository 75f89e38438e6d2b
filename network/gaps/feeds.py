from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import DataGap


class NewGapsFeed(Feed):
    """RSS 2.0: the data gaps most recently reported to the register, newest first."""

    title = _("Inter Agency Research Network — newly reported data gaps")
    link = reverse_lazy("gaps:list")
    description = _("What cannot yet be known, as member organizations report it.")

    def items(self):
        return DataGap.objects.select_related("reported_by").order_by("-created_at", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return item.reported_by.name

    def item_categories(self, item):
        return [item.get_area_display(), item.get_status_display()]
