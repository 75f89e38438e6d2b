"""What a hit shows: its title, address, line of details and the text its snippet is cut from.

A card is kept in the shared cache per object and language, under the version of the app
that writes the object (and of the page tree, for pages), so a search reads the cards of
its hits in one round trip instead of a query per kind, a model instance per hit and the
work of each kind's title, address and details. Which hits a searcher gets is decided before,
by the ranking query and its visibility rules: a card only says how a found object reads.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page

from network.platform.cache import app_version, versions

# A card outlives no write to its app; the limit only frees the cache of cards not asked for.
CARD_SECONDS = 3600


@dataclass(frozen=True)
class Card:
    pk: int
    title: str
    url: str
    meta: str
    text: str


def card(kind, obj):
    return Card(
        pk=obj.pk,
        title=str(kind.title(obj)),
        url=str(kind.url(obj)),
        meta=str(kind.meta(obj)),
        text=str(kind.text(obj) or ""),
    )


def _version_names(model):
    names = [app_version(model._meta.app_label)]
    if issubclass(model, Page):
        names.append(app_version("wagtailcore"))
    return names


def cards_of(wanted):
    """{key: (kind, model, [pk, ...])} -> {key: [Card, ...]} in the order asked, leaving out
    an object that is gone. One cache read for all; the missing are read by kind and kept."""
    language = get_language() or ""
    names_of = {key: _version_names(model) for key, (_kind, model, _pks) in wanted.items()}
    current = versions(sorted({name for names in names_of.values() for name in names}))
    keys = {}
    for key, (kind, _model, pks) in wanted.items():
        stamp = ".".join(str(current[name]) for name in names_of[key])
        keys[key] = [f"search:card:{kind.key}:{language}:{stamp}:{pk}" for pk in pks]
    # A copy: with Redis down, django-redis answers every miss with one shared empty dict.
    found = dict(cache.get_many([k for ks in keys.values() for k in ks]))
    fresh = {}
    for key, (kind, model, pks) in wanted.items():
        missing = [pk for pk, k in zip(pks, keys[key], strict=True) if k not in found]
        if missing:
            by_pk = model._default_manager.in_bulk(missing)
            for pk, k in zip(pks, keys[key], strict=True):
                if pk in by_pk:
                    fresh[k] = card(kind, by_pk[pk])
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
        found.update(fresh)
    return {key: [found[k] for k in keys[key] if k in found] for key in wanted}
