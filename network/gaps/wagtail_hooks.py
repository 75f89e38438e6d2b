"""Staff curate the register in the Wagtail admin: gaps are inspected read-only (their status
moves only through the register's own pages and services, which keep the history);
indicators are added and edited through the indicator services."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from network.desk.panels import dashboard_panel

from . import services
from .models import DataGap, Indicator


class StaffOnlyPolicy(BasePermissionPolicy):
    """The secretariat (staff) may do the listed actions and nothing else, superusers
    included: the admin never offers a write that would bypass a service."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return user.is_active and user.is_staff and action in self.actions

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_staff=True)
        return users if self.actions & set(actions) else users.none()


class GapViewSet(ModelViewSet):
    model = DataGap
    icon = "warning"
    menu_label = gettext_lazy("Data gaps")
    name = "datagaps"
    inspect_view_enabled = True
    copy_view_enabled = False
    # No add or change permission is ever granted; the form exists only because the
    # viewset requires one.
    form_fields = ["title"]
    list_display = ["title", "area", "status", "severity", "reported_by"]
    list_filter = ["area", "status", "severity"]
    search_fields = ["title", "description"]
    inspect_view_fields = [
        "title",
        "description",
        "area",
        "forms",
        "missing_disaggregations",
        "empty_reason",
        "severity",
        "status",
        "reported_by",
        "horizon",
        "created_at",
        "source_document",
        "source_quote",
    ]


class IndicatorCreateView(CreateView):
    def save_instance(self):
        data = dict(self.form.cleaned_data)
        gaps = list(data.pop("gaps", []))
        return services.indicator_create(by=self.request.user, gaps=gaps, **data)


class IndicatorEditView(EditView):
    def save_instance(self):
        data = dict(self.form.cleaned_data)
        gaps = list(data.pop("gaps", []))
        return services.indicator_update(
            indicator=self.object, by=self.request.user, gaps=gaps, **data
        )


class IndicatorViewSet(ModelViewSet):
    model = Indicator
    icon = "list-ul"
    menu_label = gettext_lazy("Indicators")
    name = "indicators"
    copy_view_enabled = False
    add_view_class = IndicatorCreateView
    edit_view_class = IndicatorEditView
    form_fields = [
        "name",
        "definition",
        "unit",
        "disaggregations",
        "data_sources",
        "gaps",
        "source_document",
        "source_quote",
    ]
    list_display = ["name", "unit"]
    search_fields = ["name", "definition"]


class RegisterGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Data-gap register")
    menu_icon = "warning"
    menu_order = 210
    items = (GapViewSet, IndicatorViewSet)


@hooks.register("register_admin_viewset")
def register_register():
    return RegisterGroup()


register_permission_policy(DataGap, StaffOnlyPolicy(DataGap, {"view"}))


register_permission_policy(Indicator, StaffOnlyPolicy(Indicator, {"view", "add", "change"}))


def _stale_gap_rows():
    """Gaps gone stale, the longest-stale first. One query."""
    from django.utils.translation import gettext

    from network.desk.panels import PANEL_ROWS, PanelRow

    from .enums import GapStatus

    return [
        PanelRow(
            title=gap.title,
            detail=gettext("reported by %(org)s") % {"org": gap.reported_by}
            if gap.reported_by_id
            else "",
            url=gap.get_absolute_url(),
        )
        for gap in DataGap.objects.filter(status=GapStatus.STALE)
        .select_related("reported_by")
        .order_by("updated_at", "pk")[:PANEL_ROWS]
    ]


dashboard_panel(
    name="gaps-stale",
    order=44,
    heading=gettext_lazy("Data gaps gone stale"),
    rows=_stale_gap_rows,
    empty=gettext_lazy("No data gap has gone stale."),
    url_name="gaps:list",
    url_query="?status=stale",
    more_label=gettext_lazy("All stale gaps"),
)
