from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "network.agenda"
    label = "agenda"
    verbose_name = "Research agenda"
