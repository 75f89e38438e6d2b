"""The network's open API at /api/v1/: each app contributes a Router from its own api.py.

Adding an app's endpoints is one `api.add_router(...)` line below.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import ValidationError as RequestValidationError

from events.api import router as events_router
from members.api import organizations_router, people_router
from network.agenda.api import router as priorities_router
from network.catalogue.api import router as datasets_router
from network.countries.api import router as profiles_router
from network.decisions.api import router as decisions_router
from network.gaps.api import router as countries_router
from network.gaps.api_register import gaps_router, indicators_router
from network.groups.api import router as groups_router
from network.library.api import router as publications_router
from network.platform.api import TokenAuth, document_refusals
from network.platform.messages import error_text
from projects.api import router as projects_router


class NetworkAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return document_refusals(super().get_openapi_schema(**kwargs))


api = NetworkAPI(
    title="Inter Agency Research Network API",
    version="1",
    description="Read the network's organizations, countries, people, events, publications, "
    "research priorities, data gaps, indicators, projects and datasets (metadata only); add "
    "publications, report gaps, endorse priorities and ask to join projects with a personal "
    "token "
    "(`Authorization: Bearer <token>`, created on your profile page; reads need none). "
    "Lists take `limit` (at most 100) and `offset`; each has a CSV export.",
    urls_namespace="api",
    auth=TokenAuth(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

api.add_router("/organizations", organizations_router, tags=["organizations"])
api.add_router("/countries", countries_router, tags=["countries"])
api.add_router("/countries", profiles_router, tags=["countries"])
api.add_router("/people", people_router, tags=["people"])
api.add_router("/events", events_router, tags=["events"])
api.add_router("/publications", publications_router, tags=["publications"])
api.add_router("/priorities", priorities_router, tags=["priorities"])
api.add_router("/gaps", gaps_router, tags=["gaps"])
api.add_router("/indicators", indicators_router, tags=["indicators"])
api.add_router("/projects", projects_router, tags=["projects"])
api.add_router("/decisions", decisions_router, tags=["decisions"])
api.add_router("/groups", groups_router, tags=["groups"])
api.add_router("/datasets", datasets_router, tags=["datasets"])


@api.exception_handler(RequestValidationError)
def bad_request(request, exc):
    """400, not ninja's 422: every bad input gets one status and a readable detail."""
    problems, errors = [], {}
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", [])[1:]) or "request"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
        field = str(error["loc"][-1]) if error.get("loc") else "request"
        errors.setdefault(field, []).append(str(error.get("msg", "invalid")))
    return api.create_response(
        request,
        {
            "detail": _("Invalid input — %(problems)s") % {"problems": "; ".join(problems)},
            "errors": errors,
        },
        status=400,
    )


@api.exception_handler(ValidationError)
def unprocessable(request, exc):
    """422: the request matched the schema (or it would be a 400) but a service refused it."""
    body = {"detail": error_text(exc)}
    if hasattr(exc, "error_dict"):
        body["errors"] = exc.message_dict
    return api.create_response(request, body, status=422)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or _("You may not do this.")}, status=403
    )


@api.exception_handler(Http404)
def missing(request, exc):
    """Ninja's own answer ("Not Found") in the reader's language."""
    return api.create_response(
        request, {"detail": _("Nothing with this identifier is visible to you.")}, status=404
    )


@csrf_exempt
def not_found(request):
    """Any other address under /api/: a JSON 404 like the API's own, not the site's HTML page
    (an identifier with a slash in it, or letters where a number goes, lands here)."""
    return JsonResponse({"detail": _("No such API address.")}, status=404)
