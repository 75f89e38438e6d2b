from django.core.paginator import InvalidPage, Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from network.platform.pagecache import cached_page

from . import search as site_search


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 otherwise; for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})


SEARCH_PAGE_SIZE = 20


def _hit(card, terms):
    return {
        "title": card.title,
        "url": card.url,
        "meta": card.meta,
        "snippet": site_search.highlight(card.text, terms),
    }


@require_safe
@cached_page(depends_on=site_search.RECORD_APPS, variant=site_search.viewer_variant)
def search(request):
    """/search/?q=&kind=&page=: every kind the searcher may see, grouped, or one kind paged."""
    query = " ".join((request.GET.get("q") or "").split())
    kind_key = request.GET.get("kind") or ""
    kind = site_search.KINDS_BY_KEY.get(kind_key)
    messages_ = []
    if kind_key and kind is None:
        messages_.append(
            _("There is nothing of the kind “%(kind)s”: showing every kind.")
            % {"kind": kind_key[:50]}
        )
    if len(query) > site_search.MAX_QUERY_LENGTH:
        messages_.append(
            _(
                "Search terms are limited to %(limit)s characters; yours had %(length)s. "
                "Please shorten them."
            )
            % {"limit": site_search.MAX_QUERY_LENGTH, "length": len(query)}
        )
        query = ""
    context = {
        "query": query,
        "kind": kind,
        "kinds": site_search.KINDS,
        # The kinds with a page to browse, for "or browse: …" (a list never ends in ", .").
        "browsable": [k for k in site_search.KINDS if k.browse_url],
        "search_messages": messages_,
        "groups": [],
        "counts": [],
        "total": 0,
    }
    if not query:
        return render(request, "home/search.html", context)
    try:
        with site_search.search_slot(request):
            return _search_results(request, context, kind)
    except site_search.TooManySearches:
        limit = site_search.CONCURRENT_SEARCHES
        context["search_messages"].append(
            ngettext(
                "You already have %(count)d search running. Please wait for it to finish, "
                "then search again.",
                "You already have %(count)d searches running. Please wait for them to finish, "
                "then search again.",
                limit,
            )
            % {"count": limit}
        )
        context["refused"] = True
        response = render(request, "home/search.html", context, status=429)
        response["Retry-After"] = "1"
        return response


def _search_results(request, context, kind):
    query = context["query"]
    messages_ = context["search_messages"]
    terms = site_search.terms_of(query)
    user = request.user
    results = site_search.search_kinds(query, user)
    if kind is not None:  # its pages reach further than the other kinds' counts
        results[kind.key].count_limit = site_search.KIND_COUNT_LIMIT
    previews = {}
    if kind is None:
        previews = site_search.previews(results, site_search.PREVIEW_SIZE)
    found = site_search.counts(results)
    counts = [(k, found[k.key]) for k in site_search.KINDS]
    context["counts"] = counts
    context["total"] = sum(n for _, n in counts)
    # Kinds with more hits than were counted: shown as "100+", the total as "more than".
    context["more_kinds"] = {k.key for k in site_search.KINDS if results[k.key].more}
    if kind is not None:
        paginator = Paginator(results[kind.key], SEARCH_PAGE_SIZE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage:
            page = paginator.get_page(request.GET.get("page"))
            messages_.append(
                _("There is no page “%(asked)s”: showing page %(number)s of %(pages)s.")
                % {
                    "asked": request.GET["page"][:20],
                    "number": page.number,
                    "pages": paginator.num_pages,
                }
            )
        context["page"] = page
        context["groups"] = [
            {
                "kind": kind,
                "count": paginator.count,
                "more": results[kind.key].more,
                "hits": [_hit(card, terms) for card in page.object_list],
            }
        ]
        params = request.GET.copy()
        params.pop("page", None)
        context["page_query"] = params.urlencode()
    else:
        context["groups"] = [
            {
                "kind": k,
                "count": n,
                "more": results[k.key].more,
                "count_label": f"{n}+" if results[k.key].more else n,
                "hits": [_hit(card, terms) for card in previews[k.key]],
                "more_url": site_search.search_url(query, k.key)
                if n > site_search.PREVIEW_SIZE
                else "",
            }
            for k, n in counts
            if n
        ]
    if context["total"] == 0:
        context["suggestions"] = [
            (s, site_search.search_url(s)) for s in site_search.suggestions(query, request)
        ]
    return render(request, "home/search.html", context)
