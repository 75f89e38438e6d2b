"""Rooms in the Wagtail admin, for the secretariat: list, archive, rename."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Room


class RoomViewSet(ModelViewSet):
    model = Room
    icon = "comment"
    menu_label = "Discussion rooms"
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["title", "slug", "visibility", "is_archived", "created_at"]
    list_filter = ["visibility", "is_archived"]
    search_fields = ["title", "slug"]
    form_fields = ["title", "slug", "description", "visibility", "is_archived"]


@hooks.register("register_admin_viewset")
def register_rooms():
    return RoomViewSet("discussion_rooms")
