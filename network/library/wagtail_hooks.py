"""The secretariat curates the library in the Wagtail admin."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Publication


class PublicationViewSet(ModelViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = "Library"
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["title", "type", "year", "created_at"]
    list_filter = ["type", "year"]
    search_fields = ["title", "summary"]
    form_fields = [
        "title",
        "slug",
        "type",
        "publishers",
        "other_publishers",
        "year",
        "month",
        "countries",
        "summary",
        "document",
        "source_document",
        "source_quote",
    ]


@hooks.register("register_admin_viewset")
def register_publications():
    return PublicationViewSet("publications")
