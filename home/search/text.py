"""Search terms and the snippets that show them."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 240
TERM = re.compile(r"\w+", re.UNICODE)
ENTITY = re.compile(r"(&[#a-zA-Z0-9]+;)")


def terms_of(query):
    return [t for t in TERM.findall(query.lower()) if len(t) > 1]


def highlight(text, terms, length=SNIPPET_LENGTH):
    """A snippet of plain `text` around the first term, escaped, with the terms in <mark>."""
    plain = " ".join((text or "").split())
    if not plain:
        return ""
    lowered = plain.lower()
    positions = [lowered.find(t) for t in terms if lowered.find(t) >= 0]
    start = max(0, min(positions) - 60) if positions else 0
    window = plain[start : start + length]
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(plain) else ""
    escaped = escape(window)
    if not terms:
        return mark_safe(prefix + escaped + suffix)  # noqa: S308 -- escaped above
    pattern = re.compile(
        "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )
    # Terms are word characters only, so the escaped text's entities (&amp;...) are the
    # only place a term could wrongly match: leave them whole.
    parts = ENTITY.split(escaped)
    marked = "".join(
        part if ENTITY.fullmatch(part) else pattern.sub(r"<mark>\g<0></mark>", part)
        for part in parts
    )
    return mark_safe(prefix + marked + suffix)  # noqa: S308 -- escaped, then our own tags
