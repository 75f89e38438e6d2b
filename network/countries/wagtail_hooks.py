from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import selectors


@hooks.register("gap_detail_panels")
def proposed_gap_changes(*, request, gap):
    """Changes a published country profile proposes for the gap; staff decide them."""
    proposals = selectors.pending_proposals(gap)
    if not proposals:
        return ""
    return render_to_string(
        "countries/includes/gap_proposals.html",
        {
            "proposals": proposals,
            "can_decide": request.user.has_perm("countries.manage_rounds"),
        },
        request=request,
    )


@hooks.register("heatmap_views")
def data_availability_view():
    return [(_("Data availability by country"), reverse("countries:availability"))]


@hooks.register("register_admin_menu_item")
def rounds_menu_item():
    return MenuItem(_("Country rounds"), reverse("rounds:list"), icon_name="site", order=250)
