from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and pages"

    def ready(self):
        from . import pagecache
        from .admin_csp import use_markers_for_choosers

        pagecache.connect_signals()
        use_markers_for_choosers()
