from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "network.library"
    label = "library"
    verbose_name = "Library"
