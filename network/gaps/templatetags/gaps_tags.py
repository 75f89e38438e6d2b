from django import template
from django.utils.translation import gettext

register = template.Library()

DISCLOSURE_THRESHOLD = 11


@register.filter
def people_count(value):
    """Disclosure rule: a count of people below 11 is never shown as a number."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    if number < DISCLOSURE_THRESHOLD:
        return gettext("fewer than 11")
    return f"{number:,}"


@register.filter
def labels(values, choices):
    """Labels of a list of enum values, joined: `gap.forms|labels:forms_choices`."""
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values or [])
