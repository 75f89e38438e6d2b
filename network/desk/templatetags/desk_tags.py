from django import template

from ..selectors import desk_count

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_item_count(context, user):
    """The person's desk count; on a page served from the page cache only a cached count (None
    when there is none yet: the header then shows the link without a number)."""
    return desk_count(user, compute=not context.get("from_page_cache"))


@register.filter
def is_demo_account(user):
    """Whether the person signed in with a demo account (the banner on every page)."""
    from ..demo import is_demo_account as check

    return check(user)
