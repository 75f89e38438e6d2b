from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import selectors


@hooks.register("register_admin_menu_item")
def notices_menu_item():
    return MenuItem(_("Notices"), reverse("notices:list"), icon_name="mail", order=260)


class SecretariatPanel(Component):
    """The secretariat's counts on the admin home: what waits, and how notices are answered."""

    name = "secretariat"
    order = 50
    template_name = "desk/admin/secretariat_panel.html"

    def get_context_data(self, parent_context=None):
        return {"notices": selectors.notice_list()[:10]}


@hooks.register("construct_homepage_panels")
def secretariat_panel(request, panels):
    if request.user.is_staff:
        panels.append(SecretariatPanel())
