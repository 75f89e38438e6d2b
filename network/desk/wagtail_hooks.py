from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import selectors
from .panels import PANEL_ROWS, PanelRow, dashboard_panel


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
    if request.user.has_perm("desk.add_notice"):
        panels.append(SecretariatPanel())


def _application_rows():
    """Applications waiting, oldest first. One query. (Members is the floor below the desk and
    cannot import it, so the desk adds its panel.)"""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as gettext

    from members.selectors import pending_applications

    return [
        PanelRow(
            title=organization.name,
            detail=gettext("applied %(date)s") % {"date": date_format(organization.created_at)},
            url=reverse("applications:decide", args=[organization.pk]),
        )
        for organization in pending_applications()[:PANEL_ROWS]
    ]


dashboard_panel(
    name="applications-waiting",
    order=40,
    heading=_("Applications waiting"),
    rows=_application_rows,
    empty=_("No organization is waiting for a decision on its application."),
    url_name="applications:index",
    more_label=_("All applications"),
)


def _overdue_rows():
    """Organizations with notices past their acknowledgement date and not acknowledged, the
    most behind first. One query."""
    from django.db.models import Count, Exists, OuterRef
    from django.utils import timezone
    from django.utils.translation import ngettext

    from .models import Notice, NoticeAcknowledgement

    acknowledged = NoticeAcknowledgement.objects.filter(
        notice_id=OuterRef("notice_id"), organization_id=OuterRef("organization_id")
    )
    behind = (
        Notice.recipients.through.objects.filter(notice__acknowledge_by__lt=timezone.now())
        .exclude(Exists(acknowledged))
        .values("organization__name", "organization__slug")
        .annotate(overdue=Count("id"))
        .order_by("-overdue", "organization__name")[:PANEL_ROWS]
    )
    return [
        PanelRow(
            title=row["organization__name"],
            detail=ngettext(
                "%(count)s notice not acknowledged in time",
                "%(count)s notices not acknowledged in time",
                row["overdue"],
            )
            % {"count": row["overdue"]},
            url=reverse("members:organization", args=[row["organization__slug"]]),
        )
        for row in behind
    ]


dashboard_panel(
    name="overdue-by-organization",
    order=45,
    heading=_("Overdue on the desk, by organization"),
    rows=_overdue_rows,
    empty=_("No organization is behind with a notice."),
    url_name="notices:list",
    more_label=_("All notices"),
)
