from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "network.discussions"
    label = "discussions"
    verbose_name = "Discussions"
