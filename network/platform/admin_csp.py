"""The Wagtail admin under the site's strict Content-Security-Policy (no inline script).

Wagtail 8 still starts some widgets with inline <script> blocks: InlinePanel and
MultipleChooserPanel (templates), the date/time pickers (widget templates) and every
BaseChooser widget (page, document, image, snippet and task choosers, whose render() appends
`<script>new DocumentChooser("id", {...})</script>`). The templates are overridden in
home/templates/wagtailadmin/; the choosers' render() is replaced here, once, at start-up. Each
call becomes a hidden element that network/static/network/admin-init.js turns back into the
same call, so no inline script is needed and the admin keeps `script-src 'self'`.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe


def init_marker(function, element_id, options=None):
    """A hidden element asking admin-init.js to call `function(element_id, options)`."""
    return format_html(
        '<span hidden data-network-init="{}" data-network-id="{}"{}></span>',
        function,
        element_id,
        format_html(' data-network-options="{}"', json.dumps(options))
        if options is not None
        else "",
    )


def use_markers_for_choosers():
    from wagtail.admin.widgets.chooser import BaseChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    wagtail_render = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        own_js_init = type(self).render_js_init
        if own_js_init is not BaseChooser.render_js_init and not isinstance(self, AdminTaskChooser):
            # A chooser with its own start-up script: keep Wagtail's (it will be reported).
            return wagtail_render(self, name, value, attrs, renderer)
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        if isinstance(self, AdminTaskChooser):
            marker = init_marker("createTaskChooser", id_)
        else:
            marker = init_marker(
                self.js_constructor, id_, self.get_js_init_options(id_, name, value_data)
            )
        return mark_safe(f"{widget_html}{marker}")  # noqa: S308 - both parts are escaped HTML

    BaseChooser.render = render
