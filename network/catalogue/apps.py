from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "network.catalogue"
    label = "catalogue"
    verbose_name = _("Data catalogue")

    def ready(self):
        from datetime import timedelta

        from network.platform import periodic

        from .tasks import remind_access_ended

        # End dates are dates: once a day is enough.
        periodic.register("remind_access_ended", task=remind_access_ended, every=timedelta(days=1))
