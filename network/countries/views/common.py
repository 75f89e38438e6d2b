"""What the round views share: who manages rounds, and finding a round or one of its
countries the person may see."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from network.platform.views import found_or_404

from .. import selectors
from ..models import Round


def _secretariat_only(request):
    if not request.user.has_perm("countries.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat manages country rounds."))


def _round_for(request, slug):
    round_ = get_object_or_404(Round.objects.select_related("questionnaire"), slug=slug)
    if not selectors.rounds_visible_to(request.user).filter(pk=round_.pk).exists():
        raise Http404(_("No such round."))
    return round_


def _round_country(request, slug, code):
    round_ = _round_for(request, slug)
    round_country = found_or_404(
        selectors.round_country(round_, code),
        _("%(code)s is not in this round.") % {"code": code.upper()},
    )
    return round_, round_country
