"""Primitives every app's services share: saving, slugs, members' translations and
absolute links."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .languages import language_name, same_language


def service_save(instance, **save_kwargs):
    """full_clean(), then save in a savepoint: a constraint the database holds against a
    concurrent write becomes a ValidationError, and the caller's transaction stays usable."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save(**save_kwargs)
    except IntegrityError as error:
        # A concurrent request won the race the database constraint guards.
        raise ValidationError(_("This change conflicts with one made at the same time.")) from error
    return instance


def unique_slug(text, *, queryset, fallback, reserved=(), suffix=None, max_length=70):
    """A slug from `text` that no row of `queryset` uses (exclude the row being renamed from
    it), never one of `reserved` (paths the app's URLs own, which get `-suffix`): "name",
    "name-2", …"""
    base = slugify(text)[:max_length].strip("-") or fallback
    if base in reserved:
        base = f"{base}-{suffix or fallback}"
    slug, n = base, 2
    while queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_fields(fields, *, allowed):
    """An update service takes only the fields it lets the caller change."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )


def check_slug(slug, *, reserved):
    """A slug chosen by hand (in the Wagtail admin) must not be one of `reserved`: the paths
    the app's URLs own, which the object's page would shadow."""
    if slug in reserved:
        raise ValidationError(
            {
                "slug": _("“%(slug)s” is the address of another page; choose another slug.")
                % {"slug": slug}
            }
        )


def service_update(instance, fields, *, stamp=False, keep_language=False):
    """Set `fields` on `instance` and save it (service_save). `stamp`: `updated_at` becomes
    now. `keep_language`: an empty "language" (the edit form leaves it out) keeps the
    language the text was written in."""
    if keep_language and "language" in fields:
        fields["language"] = fields["language"] or instance.language
    for name, value in fields.items():
        setattr(instance, name, value)
    if stamp:
        instance.updated_at = timezone.now()
    return service_save(instance)


def translation_check(original, language, *, translations, written_in, taken):
    """A new translation of `original` into `language` is refused (on its language field)
    when the original is written in that language (`written_in`, a sentence naming
    %(language)s) or when `translations` already has one in it (`taken`, likewise). Call it
    with the original locked, so two members translating at once do not both pass."""
    if same_language(language, original.language):
        raise ValidationError(
            {"language": written_in % {"language": language_name(original.language)}}
        )
    if translations.filter(language=language).exists():
        raise ValidationError({"language": taken % {"language": language_name(language)}})


def translation_update(translation, **texts):
    """A translator corrects their translation: its texts (stripped) under a row lock, and
    the time. Its language stays: a translation into another language is another one."""
    translation = type(translation).objects.select_for_update().get(pk=translation.pk)
    for name, text in texts.items():
        setattr(translation, name, text.strip())
    return service_update(translation, {}, stamp=True)


def absolute_url(path):
    """The site's address for a path, for emails and other text read off the site."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
