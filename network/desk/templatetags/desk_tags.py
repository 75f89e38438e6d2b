from django import template

from ..selectors import desk_count

register = template.Library()


@register.simple_tag
def desk_item_count(user):
    return desk_count(user)
