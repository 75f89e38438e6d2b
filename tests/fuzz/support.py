"""What every fuzz test shares: hostile values, the form-data shapes built from them, a cheap
record of which tables a request wrote, and the judgement of one response."""

import os
import re
from dataclasses import dataclass

from django.contrib.messages import constants as message_levels
from django.db import connection
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# At least 200 examples per form (issue 8); FUZZ_EXAMPLES raises it for a longer hunt, or
# lowers it for a quick look while developing.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI failures reproduce
    database=None,
    # No shrinking: it can take minutes on a web request; the failing body is printed whole.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)
# Valid bodies only need to show the happy path holds for a spread of values.
VALID_SETTINGS = settings(FUZZ_SETTINGS, max_examples=min(20, EXAMPLES))

# Text the HTTP client can encode: anything but lone surrogates.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
CONTROL = st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=8)
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "title\x00with NUL",
        "\r\n\t",
        "\u202etxt.exe",
        "\ufeffBOM",
        "💥🧒🏽‍🦱",
        "ﷺ𝕏",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "../../etc/passwd",
        "0",
        "-1",
        "1.5",
        "2147483648",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "null",
        "true",
        "[]",
        '{"a": 1}',
        "2024-02-30",
        "0000-00-00",
        "9999-12-31T25:61",
        "not-an-email",
        "a@",
        "@example.org",
        "a" * 65 + "@example.org",
        "javascript:alert(1)",
        "http://",
        "https://exa mple.org",
        "x" * 5001,
        "y" * 100_000,
    ]
)
ID_LIKE = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63).map(str), st.sampled_from(["1", "2", "3"])
)
VALUE = st.one_of(NASTY, TEXT, CONTROL, ID_LIKE)
# Several values under one key: duplicated keys in the body.
FIELD = st.one_of(VALUE, VALUE, VALUE, st.lists(VALUE, min_size=2, max_size=3))
EXTRA_KEYS = st.dictionaries(
    st.one_of(st.sampled_from(["csrfmiddlewaretoken", "id", "pk", "user", "status"]), TEXT),
    FIELD,
    max_size=2,
)


def fuzzed(valid):
    """Bodies built on a valid one: each field kept, replaced by something hostile or dropped,
    plus stray keys; and now and then bodies of nothing but noise."""

    @st.composite
    def build(draw):
        body = dict(draw(valid))
        for key in list(body):
            action = draw(st.sampled_from(["keep", "keep", "replace", "replace", "drop"]))
            if action == "replace":
                body[key] = draw(FIELD)
            elif action == "drop":
                del body[key]
        body.update(draw(EXTRA_KEYS))
        return body

    noise = st.dictionaries(TEXT, FIELD, max_size=4)
    return st.one_of(build(), build(), build(), noise)


# --- Which tables a request wrote -------------------------------------------------------------

# pg_stat_xact_user_tables counts the rows this transaction inserted, updated and deleted,
# per table, rolled-back savepoints included: the counts only grow, so the difference between
# two snapshots is exactly what happened in between. One query instead of counting every table.
_WRITES_SQL = """
    SELECT relname, n_tup_ins + n_tup_upd + n_tup_del
    FROM pg_stat_xact_user_tables
    WHERE n_tup_ins + n_tup_upd + n_tup_del > 0
"""

# Written by the machinery around a request, never by a form: the session (a message too
# long for its cookie moves there) and the search and reference indexes that
# follow every saved object (home_search_term: the index's words, kept by triggers).
NOISE = frozenset(
    {
        "django_session",
        "wagtailsearch_indexentry",
        "home_search_term",
        "wagtailcore_referenceindex",
    }
)


def write_counts():
    with connection.cursor() as cursor:
        cursor.execute(_WRITES_SQL)
        return dict(cursor.fetchall())


def tables_written(before, after):
    return {table for table, count in after.items() if count != before.get(table, 0)} - NOISE


# --- Judging one response ---------------------------------------------------------------------


@dataclass
class Outcome:
    status: int
    errors: list  # messages and form errors the person sees
    successes: list
    written: set

    @property
    def refused(self):
        return self.status in (400, 403, 404, 405, 413, 429) or bool(self.errors)


def _messages(response):
    storage = getattr(response.wsgi_request, "_messages", None)
    if storage is None:
        return []
    # Queued: added by this request; loaded: shown when a page rendered them.
    return list(storage._loaded_messages) + list(storage._queued_messages)


# Field errors (Django's error lists) and the site's error boxes (non-field errors,
# members/includes/form.html).
_ERRORLIST = re.compile(
    rb'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>|<div class="message error"[^>]*>(.*?)</div>', re.S
)


def _form_errors(response):
    """Form errors as the page shows them (Django renders every error list this way)."""
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        found = _ERRORLIST.findall(response.content)
        return [(a or b).decode(errors="replace") for a, b in found]
    return []


def outcome(response, written):
    notes = _messages(response)
    errors = [str(m) for m in notes if m.level >= message_levels.WARNING]
    errors += _form_errors(response)
    successes = [str(m) for m in notes if m.level == message_levels.SUCCESS]
    return Outcome(response.status_code, errors, successes, written)


def show(body):
    """A body for a failure message, with huge values cut."""
    return {
        k: (v[:80] + f"…({len(v)})" if isinstance(v, str) and len(v) > 80 else v)
        for k, v in body.items()
    }
