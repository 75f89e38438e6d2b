from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from members.models import Organization

from .models import Decision


class NewDecisionsFeed(Feed):
    """Atom: the decisions and action points most recently recorded, newest first. Public
    ones only, whoever asks: a feed reader signs in as nobody."""

    feed_type = Atom1Feed
    title = _("Inter Agency Research Network — new decisions and action points")
    link = reverse_lazy("decisions:list")
    subtitle = _("What the network's meetings and votes decided, and who follows it up.")

    def items(self):
        return (
            Decision.objects.public()
            .select_related("event")
            .prefetch_related(
                Prefetch("responsible", queryset=Organization.objects.order_by("name"))
            )
            .order_by("-created_at", "-pk")[:30]
        )

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.text[:140]}"

    def item_description(self, item):
        return item.text

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return ", ".join(organization.name for organization in item.responsible.all())

    def item_categories(self, item):
        return [item.get_kind_display(), item.get_status_display()]
