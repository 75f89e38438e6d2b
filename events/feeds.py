from django.contrib.syndication.views import Feed
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _

from . import selectors


class UpcomingEventsFeed(Feed):
    """RSS 2.0: live, public events that have not ended yet, soonest first."""

    title = _("Inter Agency Research Network — upcoming events")
    link = "/events/"
    description = _("Workshops and conferences of the network that are still to come.")

    def items(self):
        return selectors.upcoming_events()[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        where = ", ".join(part for part in [item.city, item.country.name] if part)
        when = dateformat.format(item.start, "d F Y")
        return f"{item.get_kind_display()}, {when}" + (f", {where}" if where else "")

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at
