"""Working groups in the Wagtail admin, for the secretariat. Create and edit save through the
services; a status change in the edit form goes through group_approve or group_close."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from network.platform.views import ServiceCreateView, ServiceEditView

from . import services
from .enums import GroupStatus
from .models import WorkingGroup

LINK_FIELDS = ["events", "sessions", "publications", "decisions", "priorities", "gaps"]


class WorkingGroupCreateView(ServiceCreateView):
    def save_through(self, data):
        data = dict(data)
        data.pop("status", None)  # a new group is proposed until approved
        return services.group_create(by=self.request.user, **data)


class WorkingGroupEditView(ServiceEditView):
    def save_through(self, data):
        data = dict(data)
        status = data.pop("status", None)
        # The service reads the stored status, not the one the form set on the instance.
        group = services.group_update(group=self.object, by=self.request.user, **data)
        if status == GroupStatus.ACTIVE and group.status != GroupStatus.ACTIVE:
            group = services.group_approve(group=group, by=self.request.user)
        elif status == GroupStatus.CLOSED and group.status != GroupStatus.CLOSED:
            group = services.group_close(group=group, by=self.request.user)
        return group


class WorkingGroupViewSet(ModelViewSet):
    """Standing working groups: conveners, what they link to, approval and closing."""

    model = WorkingGroup
    icon = "group"
    menu_label = _("Working groups")
    add_to_admin_menu = True
    menu_order = 161
    list_display = ["name", "slug", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "mandate"]
    form_fields = ["name", "slug", "mandate", "status", "conveners", *LINK_FIELDS]
    add_view_class = WorkingGroupCreateView
    edit_view_class = WorkingGroupEditView


@hooks.register("register_admin_viewset")
def register_working_groups():
    return WorkingGroupViewSet("working_groups")
