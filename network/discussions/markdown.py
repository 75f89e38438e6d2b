"""Markdown to safe HTML: markdown-it renders, nh3 keeps only an allowlist."""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "s",
    "del",
    "a",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# Raw HTML is never passed through; headings and images have no place in a chat message.
_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    .enable("strikethrough")
    .disable(["heading", "lheading", "image", "html_block", "html_inline"])
)


def render(source: str) -> str:
    """Render a message's Markdown to HTML that is safe to put in any page."""
    return nh3.clean(
        _md.render(source),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    ).strip()
