from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from network.desk.panels import dashboard_panel

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


def _round_rows():
    """Open country rounds with progress (answers submitted of answers asked). One query."""
    from django.db.models import Count, Q
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    from network.desk.panels import PANEL_ROWS, PanelRow

    from .enums import AnswerStatus, RoundStatus
    from .models import Round

    rounds = (
        Round.objects.filter(status=RoundStatus.OPEN)
        .annotate(
            asked=Count("countries__answers", distinct=True),
            submitted=Count(
                "countries__answers",
                filter=Q(countries__answers__status=AnswerStatus.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("deadline", "pk")[:PANEL_ROWS]
    )
    return [
        PanelRow(
            title=round_.title,
            detail=gettext("%(submitted)s of %(asked)s answers submitted; deadline %(deadline)s")
            % {
                "submitted": round_.submitted,
                "asked": round_.asked,
                "deadline": date_format(round_.deadline, "d M Y"),
            },
            url=reverse("rounds:detail", args=[round_.slug]),
        )
        for round_ in rounds
    ]


dashboard_panel(
    name="country-rounds",
    order=43,
    heading=_("Country rounds in progress"),
    rows=_round_rows,
    empty=_("No country round is open."),
    url_name="rounds:list",
    more_label=_("All country rounds"),
)
