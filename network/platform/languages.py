"""Which language a person reads the site in, and where it is kept.

Order: the language saved on the person's profile when signed in, then the switcher's cookie,
then the browser's Accept-Language, then settings.LANGUAGE_CODE. Django's LocaleMiddleware
does the last three; ProfileLanguageMiddleware the first. The app that owns people registers
how a person's language is read and saved (the platform knows no app above it).
"""

import functools

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.coreutils import get_supported_content_language_variant

_reader = None
_saver = None


def register_language_store(*, read, save):
    """`read(user)` -> a language code or "" (follow the browser), from the user object
    alone (no query); `save(user, code)` keeps the code on the person's profile."""
    global _reader, _saver
    _reader, _saver = read, save


def supported(code):
    """The site's language for `code` ("fr-CA" -> "fr"), or None if it has none."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(str(code))
    except LookupError:
        return None


def language_of(user):
    """The person's own interface language, or None when they follow their browser (or are
    not a person: an anonymous visitor, a bare address)."""
    if _reader is None or user is None or not user.is_authenticated:
        return None
    return supported(_reader(user))


def language_save(user, code):
    """Keep `code` on the person's profile; nothing for anonymous visitors."""
    if _saver is not None and user.is_authenticated:
        _saver(user, code)


class ProfileLanguageMiddleware:
    """A signed-in person's profile language wins over the cookie and the browser. Reads an
    attribute of the user that AuthenticationMiddleware loads anyway: no query of its own.
    Sits after LocaleMiddleware and AuthenticationMiddleware, before the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = language_of(getattr(request, "user", None))
        if code is not None and code != request.LANGUAGE_CODE:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        return self.get_response(request)


def email_language(recipient):
    """The language of a message to `recipient` (a user or an anonymous visitor)."""
    return language_of(recipient) or settings.LANGUAGE_CODE


# --- Wagtail pages in the reader's language ---------------------------------------------------
# Pages are written in the default locale first; editors add translations in the admin (Wagtail's
# simple_translation). Page URLs have no locale prefix: every request is routed in the default
# locale's tree (the home page's route sees to it) and the page shows the text of its live
# translation in the reader's language when there is one, else its own text with a note.

# One sentence per language rather than a language name in a sentence: the name's grammatical
# case changes with the language ("en français", "на русском языке").
NOT_YET_TRANSLATED = {
    "fr": gettext_lazy("This page is not yet available in French; here is the English version."),
    "ru": gettext_lazy("This page is not yet available in Russian; here is the English version."),
}
NOT_YET_TRANSLATED_OTHER = gettext_lazy(
    "This page is not yet available in your language; here is the English version."
)


def page_source_language():
    """The language of the default locale, in which every page exists."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def source_pages(queryset):
    """The pages of the default locale only: the ones that have URLs and records (registrations,
    rooms); their translations are shown in their place, never beside them in lists. By the
    locale itself (one small query), which Wagtail search can filter on, not by a join."""
    from .pagetree import default_locale

    return queryset.filter(locale=default_locale())


def _translations(language):
    from wagtail.models import Page

    # An alias is a live copy of another locale's text, not a translation.
    return Page.objects.live().filter(locale__language_code=language, alias_of__isnull=True)


def page_text(page, request=None):
    """Template context for the text of `page` in the active language: `content` (the live
    translation, else the page itself), `content_lang` (its language, for the `lang` attribute)
    or "" when it is the reader's, whose `<html lang>` it inherits, and `translation_note`
    (why the text is in another language than the reader's, or ""). An admin preview shows
    exactly the version previewed."""
    language = get_language() or settings.LANGUAGE_CODE
    if getattr(request, "is_preview", False) or page.pk is None:
        written = page.locale.language_code if page.locale_id else page_source_language()
        return {"content": page, "content_lang": _other(written), "translation_note": ""}
    source = page_source_language()
    if language != source:
        translation = _translations(language).filter(translation_key=page.translation_key).first()
        if translation is not None and _lets_through(translation, request):
            return {"content": translation.specific, "content_lang": "", "translation_note": ""}
    note = "" if language == source else NOT_YET_TRANSLATED.get(language, NOT_YET_TRANSLATED_OTHER)
    return {"content": page, "content_lang": _other(source), "translation_note": note}


def _lets_through(translation, request):
    """A translation behind a view restriction of its own is shown only to those it lets
    through (the English page's restrictions were checked before it was served)."""
    restrictions = list(translation.get_view_restrictions())
    if not restrictions:
        return True
    return request is not None and all(r.accept_request(request) for r in restrictions)


def _other(written):
    """`written` when it is not the active language, else "" (no `lang` attribute needed)."""
    return "" if written == (get_language() or settings.LANGUAGE_CODE) else written


def page_texts(pages, fields=("title",)):
    """{page id: {field: value, "lang": language}} for `pages` of the default locale, in the
    active language: the live translation's values where there is one, the page's own
    elsewhere (with their language for the `lang` attribute, or "" when it is the reader's).
    One query at most."""
    pages = list(pages)
    source = page_source_language()
    texts = {
        page.pk: {**{field: getattr(page, field) for field in fields}, "lang": _other(source)}
        for page in pages
    }
    language = get_language() or settings.LANGUAGE_CODE
    if language == source or not pages:
        return texts
    keys = {page.translation_key: page.pk for page in pages}
    # Titles are listed for everyone: those of restricted translations are left out.
    rows = _translations(language).public().filter(translation_key__in=keys)
    for row in rows.values("translation_key", *fields):
        texts[keys[row.pop("translation_key")]] = {**row, "lang": ""}
    return texts


# The languages user content may be written in: Django's list (its own catalogue names them
# in the reader's language), plus Serbo-Croat (ISO 639-1 "sh", deprecated but still what the
# older publications say), kept apart rather than mapped to Serbian or Croatian. Sorted by
# the English name. Shared by every app that records the language of what members write.
EXTRA_LANGUAGES = [("sh", gettext_noop("Serbo-Croat"))]
LANGUAGE_CHOICES = [
    (code, _(name))
    for code, name in sorted(
        [*global_settings.LANGUAGES, *EXTRA_LANGUAGES], key=lambda choice: choice[1]
    )
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
CONTENT_LANGUAGE_MAX_LENGTH = 10


def validate_content_language(value):
    """A model validator: the code is one of LANGUAGE_CHOICES. (Validators, not field
    choices, so that a new Django language list needs no migration.)"""
    if value not in LANGUAGE_NAMES:
        raise ValidationError(
            _("“%(code)s” is not a language the network knows."),
            code="invalid_language",
            params={"code": value},
        )


def content_language(code=None):
    """The language to record for text written now: `code` when one is given (the model's
    validator refuses an unknown one: bad input is reported, never replaced), else the active
    interface language (the writer's), else the site's."""
    if code:
        return code
    for candidate in (translation.get_language(), settings.LANGUAGE_CODE):
        base = supported(candidate)
        if base in LANGUAGE_NAMES:
            return base
    return "en"


@functools.cache
def _country_names(language):
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def country_name(code):
    """The country's name in the reader's language (django-countries' CLDR names), or "" for
    an unknown code. The names of a language are translated once per process: each one costs
    django-countries several gettext calls, and a list page names a country on every row."""
    return _country_names(get_language() or settings.LANGUAGE_CODE).get(str(code), "")


def country_options():
    """(code, name) of every country, sorted by name in the reader's language: the choices of a
    country select, made once per language and process (django-countries translates and sorts
    all 249 names on each iteration)."""
    return _country_options(get_language() or settings.LANGUAGE_CODE)


@functools.cache
def _country_options(language):
    return list(_country_names(language).items())


_translated = {}


def translated(choices):
    """A constant list of choices with lazily translated labels, its labels as plain text in the
    reader's language, made once per language and process: a select keyed by its choices
    (FastSelect) then hashes strings, not a translation per label."""
    key = (get_language(), id(choices))
    found = _translated.get(key)
    if found is None or found[0] is not choices:
        found = _translated[key] = (choices, [(value, str(label)) for value, label in choices])
    return found[1]


def language_options():
    """LANGUAGE_CHOICES with their names translated into the reader's language once per
    process: the choices of a language select."""
    return _language_options(get_language() or settings.LANGUAGE_CODE)


@functools.cache
def _language_options(language):
    with translation.override(language):
        return [(code, str(name)) for code, name in LANGUAGE_CHOICES]


def language_name(code):
    """The language's name in the reader's language, or the code when it has none."""
    return str(LANGUAGE_NAMES.get(code, code))


def same_language(a, b):
    """Whether two codes name one language for a reader ("fr" and "fr-ca" do)."""
    return bool(a) and bool(b) and a.split("-")[0].lower() == b.split("-")[0].lower()


def translation_for_reader(original):
    """A member's translation of `original` into the reader's language, when the original is
    in another (None otherwise). Reads `original.translations` as prefetched."""
    reading = get_language()
    if same_language(original.language, reading):
        return None
    return next(
        (t for t in original.translations.all() if same_language(t.language, reading)), None
    )
