"""Staff inspect the agenda in the Wagtail admin, read-only: priorities move only through
the agenda pages' staff actions, which go through the services and keep the history."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from network.desk.panels import dashboard_panel
from network.gaps.wagtail_hooks import StaffOnlyPolicy

from .models import ResearchPriority


class PriorityViewSet(ModelViewSet):
    model = ResearchPriority
    icon = "tasks"
    menu_label = gettext_lazy("Research agenda")
    name = "priorities"
    add_to_admin_menu = True
    menu_order = 200
    inspect_view_enabled = True
    copy_view_enabled = False
    # No add or change permission is ever granted; the form exists only because the
    # viewset requires one.
    form_fields = ["title"]
    list_display = ["title", "theme", "status", "proposing_organization", "vote_closes_at"]
    list_filter = ["theme", "status"]
    search_fields = ["title", "rationale"]
    inspect_view_fields = [
        "title",
        "rationale",
        "theme",
        "status",
        "proposing_organization",
        "proposed_by",
        "vote_opens_at",
        "vote_closes_at",
        "quorum",
        "created_at",
        "source_document",
        "source_quote",
    ]


@hooks.register("register_admin_viewset")
def register_priorities():
    return PriorityViewSet()


register_permission_policy(ResearchPriority, StaffOnlyPolicy(ResearchPriority, {"view"}))


def _open_vote_rows():
    """Votes in progress with turnout (organizations that voted of member organizations). Two
    queries."""
    from django.db.models import Count
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    from members.models import Organization
    from network.desk.panels import PANEL_ROWS, PanelRow

    from .enums import PriorityStatus
    from .models import ResearchPriority

    now = timezone.now()
    members = Organization.objects.members().count()
    votes = (
        ResearchPriority.objects.filter(
            status=PriorityStatus.PUT_TO_NETWORK, vote_opens_at__lte=now, vote_closes_at__gt=now
        )
        .annotate(voted=Count("votes__organization", distinct=True))
        .order_by("vote_closes_at", "pk")[:PANEL_ROWS]
    )
    return [
        PanelRow(
            title=priority.title,
            detail=gettext("%(voted)s of %(members)s organizations voted; closes %(closes)s")
            % {
                "voted": priority.voted,
                "members": members,
                "closes": date_format(
                    timezone.localtime(priority.vote_closes_at), "DATETIME_FORMAT"
                ),
            },
            url=priority.get_absolute_url(),
        )
        for priority in votes
    ]


dashboard_panel(
    name="votes-in-progress",
    order=41,
    heading=gettext_lazy("Votes in progress"),
    rows=_open_vote_rows,
    empty=gettext_lazy("No vote is open."),
    url_name="agenda:list",
    more_label=gettext_lazy("The research agenda"),
)
