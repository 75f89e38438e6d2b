from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_script():
    """Starts the widgets Wagtail would start with inline scripts (see home/admin_csp.py)."""
    return format_html('<script src="{}"></script>', static("network/admin-init.js"))
