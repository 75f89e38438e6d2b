"""Form pieces every app uses."""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .cache import app_version, versions
from .languages import LANGUAGE_CHOICES, content_language


class FastSelect(forms.Select):
    """A <select> written in Python. Django renders every <option> through the template engine
    (two includes each, about 50 µs), so the projects filter's 2,000 choices on the large
    network took 106 of the page's 120 ms; this writes the same markup in a few milliseconds.
    Same attributes, same `selected` rule (a single select marks its first match only)."""

    def render(self, name, value, attrs=None, renderer=None):
        unmarked = set(self.format_value(value))
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True

        def option(value, label):
            value = "" if value is None else str(value)
            selected = value in unmarked
            if selected and not self.allow_multiple_selected:
                unmarked.clear()
            # Plain formatting over format_html: this runs thousands of times per page.
            mark = " selected" if selected else ""
            return f'<option value="{escape(value)}"{mark}>{conditional_escape(label)}</option>'

        parts = [format_html('<select name="{}"{}>', name, flatatt(attrs))]
        for option_value, label in _choices(self.choices):
            if isinstance(label, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts.extend(option(value, text) for value, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(option_value, label))
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 -- every value and label is escaped


def _choices(choices):
    """A model choice field's (value, label) pairs, cached until a tracked app is written (the
    projects filter's 2,000 gaps cost a query and 2,000 model instances on every page);
    other choices as they are."""
    if not isinstance(choices, ModelChoiceIterator):
        return choices
    field = choices.field
    apps = sorted({*settings.PAGE_CACHE_APPS, *settings.PAGE_CACHE_SHELL})
    current = versions([app_version(app) for app in apps])
    # Hashed whole, versions included: a key of a dozen versions outgrows 250 characters.
    raw = "|".join(
        [
            type(field).__qualname__,
            str(field.to_field_name),
            str(choices.queryset.query),
            get_language() or "",
            *(str(current[app_version(app)]) for app in apps),
        ]
    )
    key = "choices:" + hashlib.sha256(raw.encode()).hexdigest()
    pairs = cache.get(key)
    if pairs is None:
        pairs = [(str(value), str(label)) for value, label in choices]
        cache.set(key, pairs, 3600)
    return pairs


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    allow_multiple_selected = True


_FAST = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}


class FastSelects:
    """Form mixin: the form's plain selects render as FastSelect. For filter forms, whose
    country, organization and gap lists run to hundreds or thousands of choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            fast = _FAST.get(type(field.widget))
            if fast:
                widget = fast(attrs=field.widget.attrs)
                widget.choices = field.widget.choices
                widget.is_required = field.widget.is_required
                field.widget = widget


class ContentLanguageField(forms.ChoiceField):
    """ "Language of this text": the language a member writes in, from the network's shared
    list. A form sets its initial value to the writer's interface language
    (`content_language()`), so that most people never touch it."""

    def __init__(self, **kwargs):
        # Called when the form is shown: the writer's language at that moment.
        kwargs.setdefault("initial", content_language)
        # Left out (an older form, a script), the service records the writer's language.
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Language of this text"))
        kwargs.setdefault(
            "help_text", _("The language you write in. The site never machine-translates it.")
        )
        super().__init__(choices=LANGUAGE_CHOICES, widget=FastSelect, **kwargs)
