from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from network.platform.pagecache import register_viewer_flag

        from .rules import connect_signals, is_network_member

        connect_signals()
        # Members of the network and other signed-in people see different cached pages.
        register_viewer_flag(is_network_member)
