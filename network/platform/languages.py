"""Which language a person reads the site in, and where it is kept.

Order: the language saved on the person's profile when signed in, then the switcher's cookie,
then the browser's Accept-Language, then settings.LANGUAGE_CODE. Django's LocaleMiddleware
does the last three; ProfileLanguageMiddleware the first. The app that owns people registers
how a person's language is read and saved (the platform knows no app above it).
"""

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

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


def language_name(code):
    """The language's name in the reader's language, or the code when it has none."""
    return str(LANGUAGE_NAMES.get(code, code))


def same_language(a, b):
    """Whether two codes name one language for a reader ("fr" and "fr-ca" do)."""
    return bool(a) and bool(b) and a.split("-")[0].lower() == b.split("-")[0].lower()
