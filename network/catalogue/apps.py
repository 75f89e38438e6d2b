from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "network.catalogue"
    label = "catalogue"
    verbose_name = _("Data catalogue")

    def ready(self):
        from datetime import timedelta

        from network.desk.registry import register
        from network.platform import periodic

        from .selectors import desk_done, desk_items
        from .tasks import remind_access_ended

        register("catalogue", desk_items, apps=("catalogue",), done_for=desk_done)

        # End dates are dates: once a day is enough.
        periodic.register("remind_access_ended", task=remind_access_ended, every=timedelta(days=1))
