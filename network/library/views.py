from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from wagtail.documents.views.serve import serve as wagtail_document_serve

from network.platform.forms import filters_of
from network.platform.pagecache import cached_page
from network.platform.pagination import paginate
from network.platform.views import RAISE, form_saved, found_or_404, require_perm

from . import citation, selectors, services
from .forms import PublicationFilterForm, PublicationForm

PAGE_SIZE = 20


def _publication(slug):
    return found_or_404(selectors.publication_detail(slug=slug), gettext("No such publication."))


@cached_page(depends_on=["library", "members", "gaps", "agenda"], perms=["library.add_publication"])
def publication_list(request):
    form = PublicationFilterForm(request.GET or None)
    filters = filters_of(form)
    page, page_error, query = paginate(
        request, selectors.publication_list(filters=filters), PAGE_SIZE
    )
    return render(
        request,
        "library/publication_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": any(v for k, v in filters.items() if k != "sort"),
            "page_error": page_error,
            "can_add": request.user.has_perm("library.add_publication"),
        },
    )


def publication_detail(request, slug):
    publication = _publication(slug)
    return render(
        request,
        "library/publication_detail.html",
        {
            "publication": publication,
            "apa": citation.apa(publication),
            "gaps": publication.gaps.order_by("title"),
            "priorities": publication.priorities.order_by("title"),
            "can_change": request.user.has_perm("library.change_publication", publication),
        },
    )


def publication_bibtex(request, slug):
    publication = _publication(slug)
    response = HttpResponse(citation.bibtex(publication), content_type="application/x-bibtex")
    response["Content-Disposition"] = f'attachment; filename="{publication.slug}.bib"'
    return response


@login_required
def publication_add(request):
    require_perm(request, "library.add_publication")
    form = PublicationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    own = list(selectors.organizations_of(request.user))
    if request.method == "GET" and len(own) == 1:
        form.initial["publishers"] = own
    added = form_saved(
        request,
        form,
        services.publication_create,
        success=lambda publication: (
            gettext("“%(title)s” is in the library.") % {"title": publication.title}
        ),
        on_denied=RAISE,
        to_fields=True,
        data=PublicationForm.service_kwargs,
    )
    if added:
        return redirect(added.result)
    return render(request, "library/publication_form.html", {"form": form, "adding": True})


@login_required
def publication_edit(request, slug):
    publication = _publication(slug)
    require_perm(request, "library.change_publication", publication)
    form = PublicationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=publication,
    )
    saved = form_saved(
        request,
        form,
        services.publication_update,
        success=gettext("The publication is saved."),
        on_denied=RAISE,
        to_fields=True,
        data=PublicationForm.service_kwargs,
        publication=publication,
    )
    if saved:
        return redirect(saved.result)
    return render(
        request,
        "library/publication_form.html",
        {"form": form, "publication": _publication(slug), "adding": False},
    )


@login_required
def publication_delete(request, slug):
    publication = _publication(slug)
    require_perm(request, "library.delete_publication", publication)
    if request.method == "POST":
        services.publication_delete(publication=publication, by=request.user)
        messages.success(
            request,
            gettext("“%(title)s” is removed from the library.") % {"title": publication.title},
        )
        return redirect("library:list")
    return render(request, "library/publication_delete.html", {"publication": publication})


# Documents may hold anything a person once uploaded: always a download, never rendered by
# the browser as a page, and if it were, with no script, plugin or request of its own.
DOCUMENT_POLICY = (
    "sandbox; default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def document_serve(request, document_id, document_filename):
    """Wagtail's document view (its collection privacy checks and ETags) with the headers that
    keep a hostile file inert. Mounted in place of Wagtail's own wagtaildocs_serve URL."""
    response = wagtail_document_serve(request, document_id, document_filename)
    if response.status_code in (200, 304):
        response["Content-Security-Policy"] = DOCUMENT_POLICY
        response["X-Content-Type-Options"] = "nosniff"
        disposition = response.get("Content-Disposition", "")
        if not disposition.startswith("attachment"):
            response["Content-Disposition"] = "attachment" + disposition.removeprefix("inline")
    return response
