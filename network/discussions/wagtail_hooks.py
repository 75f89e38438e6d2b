"""Rooms in the Wagtail admin, for the secretariat: list, archive, rename.
Create and edit save through the services."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from network.desk.panels import dashboard_panel
from network.platform.views import ServiceCreateView, ServiceEditView

from . import selectors, services
from .models import Room


class RoomCreateView(ServiceCreateView):
    def save_through(self, data):
        return services.room_create(by=self.request.user, **data)


class RoomEditView(ServiceEditView):
    def save_through(self, data):
        return services.room_update(room=self.object, by=self.request.user, **data)


class RoomViewSet(ModelViewSet):
    model = Room
    icon = "comment"
    menu_label = _("Discussion rooms")
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["title", "slug", "visibility", "is_archived", "created_at"]
    list_filter = ["visibility", "is_archived"]
    search_fields = ["title", "slug"]
    form_fields = ["title", "slug", "description", "visibility", "working_group", "is_archived"]
    add_view_class = RoomCreateView
    edit_view_class = RoomEditView


@hooks.register("register_admin_viewset")
def register_rooms():
    return RoomViewSet("discussion_rooms")


dashboard_panel(
    name="moderation-reports",
    order=55,
    heading=_("Moderation reports"),
    rows=selectors.dashboard_rows,
    empty=_("No message is waiting for a moderator's decision."),
    url_name="discussions:reports",
    more_label=_("All moderation reports"),
)
