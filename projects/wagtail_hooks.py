"""The secretariat inspects and curates research projects in the Wagtail admin. Status
changes still go through the project page, where the transition rules and history live."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from network.platform.views import ServiceEditView

from .models import ProjectOutput, ResearchProject
from .selectors import projects_addressing, projects_by_priority
from .services import CURATED_FIELDS, EDITABLE_FIELDS, project_update


class ResearchProjectEditView(ServiceEditView):
    """Saves through project_update: the admin follows the rules and side effects of the
    project page (gap claims, the lead organization check), and a refusal is shown on the
    form with nothing changed."""

    def save_through(self, data):
        return project_update(project=self.object, by=self.request.user, **data)


# The inspect view shows these lists by their labels rather than their codes.
READABLE = {"countries": "country_names", "themes": "theme_labels"}


class ResearchProjectViewSet(ModelViewSet):
    model = ResearchProject
    icon = "clipboard-list"
    menu_label = _("Research projects")
    add_to_admin_menu = True
    menu_order = 250
    # Projects are proposed by members on the site, where the proposer becomes the lead.
    create_view_enabled = False
    inspect_view_enabled = True
    list_display = ["title", "status", "lead_organization", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    # Every editable field (lists shown by their labels), then what the site records.
    inspect_view_fields = [
        "status",
        *(READABLE.get(name, name) for name in EDITABLE_FIELDS),
        "created_by",
        "created_at",
        *CURATED_FIELDS,
    ]
    # Status is left out: it changes only through project_transition, which records why.
    form_fields = [*EDITABLE_FIELDS, *CURATED_FIELDS]
    edit_view_class = ResearchProjectEditView


class ProjectOutputViewSet(ModelViewSet):
    """Where the secretariat attaches a Wagtail document to an output."""

    model = ProjectOutput
    icon = "doc-full"
    menu_label = _("Project outputs")
    add_to_admin_menu = True
    menu_order = 251
    inspect_view_enabled = True
    list_display = ["title", "kind", "version", "project", "created_at"]
    list_filter = ["kind"]
    search_fields = ["title", "description"]
    panels = [
        FieldPanel("project"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("version"),
        FieldPanel("document"),
        FieldPanel("link"),
        FieldPanel("description"),
    ]


@hooks.register("register_admin_viewset")
def register_projects():
    return ResearchProjectViewSet("research_projects")


@hooks.register("register_admin_viewset")
def register_project_outputs():
    return ProjectOutputViewSet("project_outputs")


# Gap and priority pages list the projects that address them through these hooks: projects
# claim gaps and answer priorities, and the lower apps never import projects.
@hooks.register("gap_addressed_by")
def projects_addressing_gap(*, user, gap):
    return list(projects_addressing(user=user, gap=gap))


@hooks.register("priorities_addressed_by")
def projects_answering_priorities(*, user, priorities):
    return projects_by_priority(user=user, priorities=priorities)
