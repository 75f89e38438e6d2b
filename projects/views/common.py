"""What the project views share: finding a project the person may see, and refusing."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .. import selectors

PAGE_SIZE = 20


def _project(request, slug):
    """The project, or 404 for anyone it is restricted from."""
    project = selectors.project_detail(slug=slug, user=request.user)
    if project is None:
        raise Http404("No such project.")
    return project


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
