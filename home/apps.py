from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and pages"

    def ready(self):
        from .admin_csp import use_markers_for_choosers

        use_markers_for_choosers()
