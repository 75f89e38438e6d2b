from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "network.groups"
    label = "groups"
    verbose_name = _("Working groups")

    def ready(self):
        from network.desk.registry import register
        from network.discussions import group_access

        from . import selectors

        # Rooms of a group open to the people of its member organizations, and its
        # conveners' spokespeople moderate them; discussions asks through this registry.
        group_access.register(
            participates_in=selectors.groups_of,
            convenes=selectors.groups_convened_by,
            people=selectors.people_of,
        )
        register("groups", selectors.desk_items, apps=("groups",))
