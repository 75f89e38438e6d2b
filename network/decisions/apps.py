from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "network.decisions"
    label = "decisions"
    verbose_name = _("Decisions and action points")

    def ready(self):
        from network.desk.registry import register

        from .selectors import desk_items

        register("decisions", desk_items, apps=("decisions",))
