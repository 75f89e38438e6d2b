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
        if isinstance(self.choices, ModelChoiceIterator):
            parts += [_marked(_option_block(self.choices), unmarked, self.allow_multiple_selected)]
            parts.append("</select>")
            return mark_safe("\n".join(parts))  # noqa: S308 -- escaped in _option_block
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', option_value))
                parts.extend(option(value, text) for value, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(option_value, label))
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 -- every value and label is escaped


def _option_block(choices):
    """A model choice field's <option> lines, escaped and joined, cached until a tracked app
    is written: the projects filter's 4,600 gaps cost a query, 4,600 model instances and the
    escaping of every label on every page (two thirds of the page's time on the large
    network); now one cache read. None is marked selected (see _marked)."""
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
    key = "options:" + hashlib.sha256(raw.encode()).hexdigest()
    block = cache.get(key)
    if block is None:
        block = "\n".join(
            f'<option value="{escape("" if value is None else str(value))}">'
            f"{conditional_escape(str(label))}</option>"
            for value, label in choices
        )
        cache.set(key, block, 3600)
    return block


def _marked(block, values, multiple):
    """The block with `selected` on the options of `values`: every one of them in a multiple
    select, the first option of the list that matches in a single one (as Django marks)."""
    found = [
        (at, tag)
        for value in values
        if (at := block.find(tag := f'<option value="{escape(value)}">')) >= 0
    ]
    if not multiple:
        found = sorted(found)[:1]
    for _at, tag in found:
        block = block.replace(tag, tag[:-1] + " selected>", 1)
    return block


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


def filters_of(form, *, only_given=False):
    """What a list's filter form asks for: {} when unbound. Invalid fields are reported on the
    form and drop out of cleaned_data; the valid ones still filter. `only_given` leaves out
    the fields left empty."""
    if not form.is_bound:
        return {}
    form.is_valid()
    if only_given:
        return {key: value for key, value in form.cleaned_data.items() if value}
    return form.cleaned_data
