"""The secretariat curates the library in the Wagtail admin, saving through the services."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from network.platform.views import ServiceCreateView, ServiceEditView

from .models import Publication
from .services import publication_create, publication_curate


class PublicationCreateView(ServiceCreateView):
    def save_through(self, data):
        data = dict(data)
        return publication_create(
            by=self.request.user, publishers=list(data.pop("publishers")), **data
        )


class PublicationEditView(ServiceEditView):
    def save_through(self, data):
        data = dict(data)
        return publication_curate(
            publication=self.object,
            by=self.request.user,
            publishers=list(data.pop("publishers")),
            **data,
        )


class PublicationViewSet(ModelViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = _("Library")
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
    add_view_class = PublicationCreateView
    edit_view_class = PublicationEditView


@hooks.register("register_admin_viewset")
def register_publications():
    return PublicationViewSet("publications")
