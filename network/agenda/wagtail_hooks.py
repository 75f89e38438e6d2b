"""Staff inspect the agenda in the Wagtail admin, read-only: priorities move only through
the agenda pages' staff actions, which go through the services and keep the history."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from network.gaps.wagtail_hooks import StaffOnlyPolicy

from .models import ResearchPriority


class PriorityViewSet(ModelViewSet):
    model = ResearchPriority
    icon = "tasks"
    menu_label = "Research agenda"
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
