"""Marking user content with the language it was written in."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext

from ..languages import language_name, same_language

register = template.Library()


@register.simple_tag
def written_in(code):
    """`{% written_in gap.language %}`: a small note naming the text's language when it is
    not the page's; nothing when they agree (or the text has no recorded language). The text
    itself is never translated by the site."""
    if not code or same_language(code, translation.get_language()):
        return ""
    return format_html(
        '<span class="written-in">{}</span>',
        gettext("Written in %(language)s") % {"language": language_name(code)},
    )
