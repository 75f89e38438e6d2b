from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from network.platform.languages import register_language_store
        from network.platform.pagecache import register_viewer_flag

        from . import services
        from .rules import connect_signals, is_network_member

        connect_signals()
        # Members of the network and other signed-in people see different cached pages.
        register_viewer_flag(is_network_member)
        # The profile's language, read from the user object the request already loaded.
        register_language_store(
            read=lambda user: user.interface_language,
            save=lambda user, code: services.profile_language_set(user=user, language=code),
        )
