"""Panels for the secretariat's dashboard (the Wagtail admin home, issue 16 item 7).

Each app adds its own panel in its wagtail_hooks.py (`construct_homepage_panels`) with
`ListPanel`, so the desk learns of no app above it. `rows` is called when the panel renders and
answers with a fixed number of queries: [PanelRow]. `count` (optional) is how many there are in
all when `rows` shows only the first ones."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

# Rows a panel lists at most; the "more" link leads to the rest.
PANEL_ROWS = 10


@dataclass(frozen=True)
class PanelRow:
    title: str
    detail: str
    url: str


class ListPanel(Component):
    template_name = "desk/admin/list_panel.html"

    def __init__(self, *, name, order, heading, rows, empty, more_url="", more_label=""):
        self.name, self.order, self.heading = name, order, heading
        self.rows, self.empty = rows, empty
        self.more_url, self.more_label = more_url, more_label

    def get_context_data(self, parent_context=None):
        rows = list(self.rows())
        return {
            "panel_id": f"panel-{self.name}",
            "heading": self.heading,
            "rows": rows,
            "empty": self.empty,
            "more_url": self.more_url,
            "more_label": self.more_label,
        }


def staff_only(request):
    return request.user.is_authenticated and request.user.is_staff


def dashboard_panel(*, url_name, url_query="", **panel):
    """Register a staff-only ListPanel on the admin home; its "more" link goes to the URL named
    `url_name` (reversed when the panel is built, once the URLs are loaded)."""

    @hooks.register("construct_homepage_panels")
    def add_panel(request, panels):
        if staff_only(request):
            panels.append(ListPanel(more_url=reverse(url_name) + url_query, **panel))

    return add_panel
