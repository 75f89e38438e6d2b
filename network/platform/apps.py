from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "network.platform"
    label = "platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import pagecache
        from .admin_csp import use_markers_for_choosers

        pagecache.connect_signals()
        use_markers_for_choosers()
