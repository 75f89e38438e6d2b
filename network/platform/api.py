"""What every app's API router shares: token authentication, limit/offset pages, CSV export.

Each app keeps its endpoints in `<app>/api.py` as a ninja Router; network/api.py mounts them.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import ConfigDict

from .csv import csv_download

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_EXPORT_ROWS = 10_000


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <personal token>`: optional for reads, required for writes.

    A header that is present but malformed, unknown or revoked is refused (401) rather than
    treated as anonymous, so a script never silently reads less than it should.
    """

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if not header:
            if request.method in READ_METHODS:
                return AnonymousUser()
            # Refused before the body is read: an anonymous write is a 401 whatever it sends.
            raise HttpError(401, _("Writing needs a personal API token (see your profile page)."))
        scheme, _space, raw = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise HttpError(401, _("Malformed Authorization header: send “Bearer <token>”."))
        return self.authenticate(request, raw.strip())

    def authenticate(self, request, token):
        # The wiring names who checks tokens (settings.API_TOKEN_AUTHENTICATOR), as it names
        # authentication backends: the platform knows no app above it.
        user = import_string(settings.API_TOKEN_AUTHENTICATOR)(token)
        if user is None:
            raise HttpError(401, _("This token is unknown or has been revoked."))
        return user


READ_METHODS = ("GET", "HEAD", "OPTIONS")


def require_token(request):
    """For a read only a token's owner may make: the person behind the token, or a 401."""
    if not request.auth.is_authenticated:
        raise HttpError(
            401, _("This is readable only with a personal API token (see your profile page).")
        )
    return request.auth


class ErrorOut(Schema):
    """The body of every refusal."""

    detail: str = Field(description="What was refused and why, in a sentence.")
    errors: dict[str, list[str]] | None = Field(
        None, description="The fields at fault, each with its messages (only when fields are)."
    )


# Every status an operation can answer besides its success, and when. The middleware answers
# 400 (a NUL character) and 413 before any view, for every operation.
ERRORS = {
    400: "The request does not match this schema: a parameter or body field is missing, "
    "malformed or out of range (`errors` names them), the body is not JSON, or the request "
    "carries a NUL character (U+0000) anywhere.",
    401: "The Authorization header is malformed, or its token is unknown or revoked.",
    403: "The token's owner may not do this; `detail` says why.",
    404: "Nothing with this identifier is visible to the caller.",
    413: "The request is larger than the site accepts: a JSON body over 2.5 MB, or any over 25 MB.",
    422: "The request matches this schema but cannot be accepted as it stands: it names an "
    "organization, country, sub-region, publisher or role the network does not have, repeats "
    "what is already done, or breaks a rule a schema cannot state (such as a horizon in the "
    "past). `detail` says why; `errors` names the fields.",
}
WRITE_401 = (
    "No Authorization header (writing needs a personal token), or it is malformed, or its "
    "token is unknown or revoked."
)
PRIVATE_401 = (
    "No Authorization header (this is readable only with a personal token), or it is "
    "malformed, or its token is unknown or revoked."
)


def contract(ok=None, *, status=200, csv=False, write=False, found=False, private=False):
    """`response` and `openapi_extra` for one operation: its success (the `ok` schema, or CSV)
    and every refusal it can answer, each with ErrorOut. `write`: needs a token and may be
    forbidden (403) or unprocessable (422); `found`: its path names one thing (404);
    `private`: a read that needs a token (the view calls `require_token`).

    Reads document the token as optional (the empty security requirement `{}`; ninja lists
    the TokenAuth one), writes and private reads as required.
    """
    codes = [400, 401, 413] + ([403, 422] if write else []) + ([404] if found else [])
    responses = {code: {"description": ERRORS[code]} for code in codes}
    extra = {"responses": responses}
    if write:
        responses[401] = {"description": WRITE_401}
    elif private:
        responses[401] = {"description": PRIVATE_401}
    else:
        extra["security"] = [{}]
    if csv:
        responses[status] = CSV_RESPONSE["responses"][200]
    return {"response": {status: ok, frozenset(codes): ErrorOut}, "openapi_extra": extra}


NO_NUL = r"^[^\x00]*$"
STRING_RULES = {"pattern", "enum", "const", "format"}


def document_refusals(document):
    """Say in the OpenAPI `document` what RefuseBadRequestsMiddleware enforces for every
    operation: no NUL character in any string a request carries (a 400). Bodies are
    InputSchemas, so no other property can carry one.
    Query parameters also lose pydantic's `null` alternative, which a query string cannot send.
    """
    components = document.get("components", {}).get("schemas", {})
    seen = set()

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                walk(components[name])
            return
        if node.get("type") == "string" and not STRING_RULES & node.keys():
            node["pattern"] = NO_NUL
        for child in node.get("properties", {}).values():
            walk(child)
        for key in ("items", "additionalProperties", "anyOf", "allOf", "oneOf"):
            walk(node.get(key))

    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                choices = [c for c in schema.get("anyOf", []) if c != {"type": "null"}]
                if parameter["in"] == "query" and len(choices) == 1:
                    del schema["anyOf"]
                    schema.update(choices[0])
                walk(schema)
            for media in operation.get("requestBody", {}).get("content", {}).values():
                walk(media["schema"])
    return document


def found_or_404(found, message):
    """`found`, or a 404 whose detail is `message` when it is None: what a selector does not
    return does not exist for the caller."""
    if found is None:
        raise HttpError(404, message)
    return found


class InputSchema(Schema):
    """A request body: an unknown field is refused (400), so a misspelt one never goes
    unnoticed, and the schema says so (`additionalProperties: false`)."""

    model_config = ConfigDict(extra="forbid")


# An ISO 3166 country code in a query or a body, in either case.
COUNTRY = r"^[A-Za-z]{2}$"


def filter_values(filters, *, only_given=False):
    """A filter schema's values for the app's selector: choices as their plain values, a
    `country` code in capitals. `only_given` leaves out the filters not given."""
    data = {key: getattr(value, "value", value) for key, value in filters.dict().items()}
    if only_given:
        data = {key: value for key, value in data.items() if value}
    if data.get("country"):
        data["country"] = data["country"].upper()
    return data


def fields_of(instance, *names):
    """An API item's plain fields: each of `names` with its value on `instance`."""
    return {name: getattr(instance, name) for name in names}


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most 100.")
    offset: int = Field(0, ge=0, le=1_000_000)


def page_of(queryset, params: PageParams, *, item=None, prepare=None):
    """A limit/offset page: two queries (count, rows) whatever the size of the list. The
    page's rows go through `prepare(rows)` (which may load what they need in bulk and returns
    them), then each through `item(row)`, the endpoint's serializer."""
    count = queryset.count()
    rows = list(queryset[params.offset : params.offset + params.limit])
    if prepare is not None:
        rows = prepare(rows)
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "results": rows if item is None else [item(row) for row in rows],
    }


def page_schema(item_schema, name):
    """The envelope of a list endpoint for `item_schema`."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {
                "count": int,
                "limit": int,
                "offset": int,
                "results": list[item_schema],
            }
        },
    )


CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "The whole filtered list as CSV (at most 10,000 rows).",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


def csv_response(rows, columns, filename):
    """`rows` are dicts (already serialized) or objects; `columns` the keys to write."""
    return csv_download(filename, columns, ([row[c] for c in columns] for row in rows))


def export_of(queryset, columns, filename, *, item, prepare=None):
    """A list endpoint's CSV twin: the whole filtered list, cut at MAX_EXPORT_ROWS. As in
    `page_of`, the rows go through `prepare(rows)`, then each through `item(row)`, which
    returns a dict holding the `columns`."""
    rows = queryset[:MAX_EXPORT_ROWS]
    if prepare is not None:
        rows = prepare(rows)
    return csv_response((item(row) for row in rows), columns, filename)
