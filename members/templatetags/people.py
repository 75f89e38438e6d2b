"""Naming people in templates (emails included) by the same rule as the pages."""

from django import template

from ..selectors import name_shown_to

register = template.Library()


@register.filter
def name_for(person, viewer):
    """`{{ person|name_for:recipient }}`: the name, or words that name nobody."""
    return name_shown_to(viewer, person)


@register.filter
def sees(viewer, person):
    """`{% if recipient|sees:person %}`: whether the viewer may see the person at all."""
    return viewer.has_perm("members.view_person", person)
