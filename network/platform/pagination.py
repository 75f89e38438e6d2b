"""One page of a list, whatever page number a person (or a crawler) asks for."""

from django.core.paginator import InvalidPage, Paginator
from django.utils.translation import gettext as _


def paginate(request, items, per_page, *, param="page"):
    """(page, message, query): the page asked for in request.GET[param] (a missing one is the
    first, and one that does not exist shows the nearest page with a message saying so), and
    the rest of the query string, for links to the other pages."""
    paginator = Paginator(items, per_page)
    asked = request.GET.get(param)
    rest = request.GET.copy()
    rest.pop(param, None)
    try:
        return paginator.page(asked or 1), None, rest.urlencode()
    except InvalidPage:
        page = paginator.get_page(asked)
        return (
            page,
            _("There is no page “%(asked)s”: showing page %(number)s of %(count)s.")
            % {
                "asked": asked,
                "number": page.number,
                "count": paginator.num_pages,
            },
            rest.urlencode(),
        )
