from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "network.gaps"
    label = "gaps"
    verbose_name = "Data gaps"
