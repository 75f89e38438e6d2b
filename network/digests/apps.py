"""Email preferences, digests and one-click unsubscribe.

Floor 4, beside home: the digest reads the desk, discussions and the instruments (gaps,
library, events), so it sits above them all. The preference itself lives on the platform
(network.platform.models.EmailPreference) because every email consults it."""

from datetime import timedelta

from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "network.digests"
    label = "digests"
    verbose_name = "Digests"

    def ready(self):
        from network.platform.periodic import register

        from .tasks import send_daily_digests, send_weekly_digests

        register("send_daily_digests", task=send_daily_digests, every=timedelta(days=1))
        register("send_weekly_digests", task=send_weekly_digests, every=timedelta(days=7))
