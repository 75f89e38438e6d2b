"""What every app's API router shares: token authentication, limit/offset pages, CSV export.

Each app keeps its endpoints in `<app>/api.py` as a ninja Router; network/api.py mounts them.
"""

import csv

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from network.platform.csv import csv_cell

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_EXPORT_ROWS = 10_000


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <personal token>`; without the header, reads are anonymous.

    A header that is present but malformed, unknown or revoked is refused (401) rather than
    treated as anonymous, so a script never silently reads less than it should.
    """

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if not header:
            return AnonymousUser()
        scheme, _, raw = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise HttpError(401, "Malformed Authorization header: send “Bearer <token>”.")
        return self.authenticate(request, raw.strip())

    def authenticate(self, request, token):
        from members.services import token_authenticate

        user = token_authenticate(token)
        if user is None:
            raise HttpError(401, "This token is unknown or has been revoked.")
        return user


def require_user(request):
    """The token's user for writes; anonymous requests are refused."""
    user = request.auth
    if not user.is_authenticated:
        raise HttpError(401, "Writing needs a personal API token (see your profile page).")
    return user


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most 100.")
    offset: int = Field(0, ge=0, le=1_000_000)


def page_of(queryset, params: PageParams):
    """A limit/offset page: two queries (count, rows) whatever the size of the list."""
    return {
        "count": queryset.count(),
        "limit": params.limit,
        "offset": params.offset,
        "results": list(queryset[params.offset : params.offset + params.limit]),
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


def _cell(value):
    if isinstance(value, list | tuple):
        value = ";".join(str(v) for v in value)
    return csv_cell(value)


def csv_response(rows, columns, filename):
    """`rows` are dicts (already serialized) or objects; `columns` the keys to write."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return response
