"""What the project views share: finding a project the person may see, and refusing."""

from network.platform.views import found_or_404

from .. import selectors

PAGE_SIZE = 20


def _project(request, slug):
    """The project, or 404 for anyone it is restricted from."""
    return found_or_404(selectors.project_detail(slug=slug, user=request.user), "No such project.")
