from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "network.gaps"
    label = "gaps"
    verbose_name = "Data gaps"

    def ready(self):
        from network.desk.registry import register

        from .selectors import desk_items

        register("gaps", desk_items, apps=("gaps",))

        from datetime import timedelta

        from network.platform import periodic

        from .tasks import mark_stale_gaps

        # Horizons are dates, so once a day is enough.
        periodic.register("mark_stale_gaps", task=mark_stale_gaps, every=timedelta(days=1))
