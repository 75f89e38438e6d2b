from django.contrib.syndication.views import Feed
from django.db.models import Max, Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .enums import PriorityStatus
from .models import ResearchPriority


class AdoptedPrioritiesFeed(Feed):
    """RSS 2.0: the priorities the network has adopted, most recently adopted first."""

    title = _("Inter Agency Research Network — adopted research priorities")
    link = reverse_lazy("agenda:adopted")
    description = _("Research priorities the member organizations adopted by vote.")

    def items(self):
        return (
            ResearchPriority.objects.filter(status=PriorityStatus.ADOPTED)
            .select_related("proposing_organization")
            .annotate(
                adopted_at=Max("history__at", filter=Q(history__to_status=PriorityStatus.ADOPTED))
            )
            .order_by("-adopted_at", "-pk")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.rationale

    def item_pubdate(self, item):
        return item.adopted_at or item.vote_closes_at or item.created_at

    def item_author_name(self, item):
        return item.proposing_organization.name if item.proposing_organization else ""

    def item_categories(self, item):
        return [item.get_theme_display()]
