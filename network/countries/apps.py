from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    name = "network.countries"
    label = "countries"
    verbose_name = _("Country profiles")

    def ready(self):
        from network.desk.registry import register

        from .selectors import desk_items

        register("countries", desk_items, apps=("countries",))

        from datetime import timedelta

        from network.platform import periodic

        from .tasks import remind_rounds_due

        # Reminders fall on dates (14 and 3 days before a deadline): once a day.
        periodic.register("remind_rounds_due", task=remind_rounds_due, every=timedelta(days=1))
