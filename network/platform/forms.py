"""Form pieces every app uses."""

import hashlib
import threading
from collections import OrderedDict

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, When
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.choices import CallableChoiceIterator
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .cache import app_version, kept, versions
from .languages import LANGUAGE_CHOICES, content_language


class FastSelect(forms.Select):
    """A <select> written in Python. Django renders every <option> through the template engine
    (two includes each, about 50 µs), so the projects filter's 2,000 choices on the large
    network took 106 of the page's 120 ms; this writes the same markup in a few milliseconds.
    Same attributes, same `selected` rule (a single select marks its first match only)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        if isinstance(self.choices, ModelChoiceIterator):
            block = _option_block(self.choices)
        else:
            block = _plain_block(_pairs(self.choices))
        marked = _marked(block, self.format_value(value), self.allow_multiple_selected)
        opening = format_html('<select name="{}"{}>', name, _attributes(attrs))
        # Every value and label was escaped in the block.
        return mark_safe("\n".join(part for part in (opening, marked, "</select>") if part))  # noqa: S308

    def use_required_attribute(self, initial):
        # Django's rule (no `required` when the first option has a value), without iterating
        # a callable's choices: that normalizes all of them to read the first.
        if self.allow_multiple_selected or not isinstance(self.choices, CallableChoiceIterator):
            return super().use_required_attribute(initial)
        first = next(iter(_pairs(self.choices)), None)
        return (
            forms.Widget.use_required_attribute(self, initial)
            and first is not None
            and self._choice_has_empty_value(first)
        )


def _attributes(attrs):
    """The attributes as Django's widget template writes them: in their order (flatatt sorts
    them), a True one bare, a False or None one left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


def _pairs(choices):
    """The (value, label) pairs of a plain select. A callable's list is taken as it is: Django
    normalizes it anew on every iteration (all 250 countries, twice a page)."""
    if isinstance(choices, CallableChoiceIterator):
        pairs = choices.func()
        if isinstance(pairs, list):
            return pairs
    return list(choices)


def _option(value, label):
    # Plain formatting over format_html: this runs thousands of times per page.
    value = "" if value is None else str(value)
    return f'<option value="{escape(value)}">{conditional_escape(label)}</option>'


# Plain choice lists (countries, languages, statuses, a filter's organizations) rendered once per
# process and language for what they hold: the key is the choices themselves, so a changed list
# is another entry and none is ever stale. The oldest leave first past PLAIN_BLOCKS.
PLAIN_BLOCKS = 512
_plain_blocks = OrderedDict()
_plain_lock = threading.Lock()


def _plain_block(choices):
    # Rendered as the string of the value and the label as it is (its type too: a SafeString
    # is not escaped, a str is; True and 1 are equal keys but different strings).
    try:
        # A pair of plain strings is its own key (hashed in C); others say their label's type.
        key = (
            get_language(),
            tuple(
                pair if type(pair[0]) is str and type(pair[1]) is str else _plain_key(*pair)
                for pair in choices
            ),
        )
        hash(key)
    except TypeError:  # an unhashable label: rendered each time
        return _render_plain(choices)
    with _plain_lock:
        block = _plain_blocks.get(key)
        if block is not None:
            _plain_blocks.move_to_end(key)
            return block
    block = _render_plain(choices)
    with _plain_lock:
        _plain_blocks[key] = block
        if len(_plain_blocks) > PLAIN_BLOCKS:
            _plain_blocks.popitem(last=False)
    return block


def _plain_key(value, label):
    if isinstance(label, (list, tuple)):
        label = tuple(_plain_key(v, text) for v, text in label)
    elif isinstance(label, Promise):  # translated once here, not at each hash and comparison
        label = str(label)
    return ("" if value is None else str(value), type(label), label)


def _render_plain(choices):
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            parts.append(format_html('<optgroup label="{}">', value))
            parts.extend(_option(v, text) for v, text in label)
            parts.append("</optgroup>")
        else:
            parts.append(_option(value, label))
    return "\n".join(parts)


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
    return kept(
        key,
        lambda: "\n".join(
            f'<option value="{escape("" if value is None else str(value))}">'
            f"{conditional_escape(str(label))}</option>"
            for value, label in choices
        ),
        3600,
    )


def _marked(block, values, multiple):
    """The block with `selected` on the options of `values`: every option of them in a multiple
    select, the first option of the list that matches in a single one (as Django marks)."""
    found = [
        (at, tag)
        for value in values
        if (at := block.find(tag := f'<option value="{escape(value)}">')) >= 0
    ]
    if not multiple:
        found = sorted(found)[:1]
    for _at, tag in found:
        # A value listed twice is marked twice in a multiple select, as Django does.
        block = block.replace(tag, tag[:-1] + " selected>", -1 if multiple else 1)
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

    @property
    def suggested(self):
        """Whether a box of the form takes suggestions (the page then loads suggest.js)."""
        return any(isinstance(field, SuggestedChoiceField) for field in self.fields.values())


class SuggestInput(forms.TextInput):
    """The box of a SuggestedChoiceField: a search box tied to a <datalist> that
    network/static/network/suggest.js fills from /suggest/<name>/ as one types. Without
    scripts it is a plain box."""

    input_type = "search"

    def __init__(self, suggest, attrs=None):
        super().__init__(attrs)
        self.suggest = suggest
        self.offered = ()

    def render(self, name, value, attrs=None, renderer=None):
        listed = f"{(attrs or {}).get('id') or name}-suggestions"
        attrs = {
            **(attrs or {}),
            "list": listed,
            "autocomplete": "off",
            "data-suggest": reverse("suggest", args=[self.suggest]),
        }
        box = super().render(name, value, attrs, renderer)
        # The names a typed text could mean, offered at once (with or without scripts).
        offered = format_html_join("", '<option value="{}">', ((n,) for n in self.offered))
        return box + format_html('<datalist id="{}">{}</datalist>', listed, offered)


# The SuggestedChoiceFields by their `suggest` name, for the suggestions view.
SUGGESTED = {}
SUGGESTIONS = 10


class SuggestedChoiceField(forms.ModelChoiceField):
    """One row among more than a list can show, typed rather than picked: the projects filter
    offered 465 organizations and 1,164 gaps on the large network, four times as many on the
    xlarge (169 and 595 kB of <option>s a page). The box takes the row's key (what other pages
    link with), its label, or any part of a label that only one row holds; several rows are
    named back so that one can type more. As one types, the page's script offers the labels
    that hold the text, from /suggest/<suggest>/. Cleans to the row, as ModelChoiceField."""

    default_error_messages = {
        "none": _("Nothing here is called “%(text)s”."),
        "several": _(
            "“%(text)s” is part of several names (%(names)s): type more of the one you mean."
        ),
    }

    def __init__(self, queryset, *, suggest, label_field, also=(), suggested=None, **kwargs):
        kwargs.setdefault("widget", SuggestInput(suggest))
        super().__init__(queryset, **kwargs)
        self.label_field = label_field
        # Other names a row goes by (an organization's acronym): typed whole, they find it;
        # typed in part, they suggest its label.
        self.also = tuple(also)
        # The rows to suggest from when the form sets its queryset per page: a callable.
        self.suggested = suggested
        if self.empty_label:
            self.widget.attrs["placeholder"] = self.empty_label
        SUGGESTED[suggest] = self

    def to_python(self, value):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        try:
            found = super().to_python(text)
        except ValidationError:
            found = self._named(text)
        self._typed = (value, found)
        return found

    def _named(self, text):
        if len(text) > 200 or "\x00" in text:
            text = text[:60].replace("\x00", "") + "…"
            raise ValidationError(self.error_messages["none"], code="none", params={"text": text})
        field = self.label_field
        rows = list(self.queryset.filter(self._holding(text, "iexact"))[:2])
        if len(rows) != 1:
            rows = list(self.queryset.filter(self._holding(text, "icontains"))[:6])
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise ValidationError(self.error_messages["none"], code="none", params={"text": text})
        self.widget.offered = [getattr(row, field) for row in rows[:5]]
        names = ", ".join(self.widget.offered) + ("…" if len(rows) > 5 else "")
        raise ValidationError(
            self.error_messages["several"], code="several", params={"text": text, "names": names}
        )

    def prepare_value(self, value):
        # The box shows the row's label, whether it was given by its key or by name.
        typed = getattr(self, "_typed", None)
        if typed and typed[1] is not None and value == typed[0]:
            value = typed[1]
        if hasattr(value, "_meta"):
            return getattr(value, self.label_field)
        return value

    def _holding(self, text, lookup):
        """The rows whose label or other names match `text` by `lookup`."""
        found = Q()
        for name in (self.label_field, *self.also):
            found |= Q(**{f"{name}__{lookup}": text})
        return found

    def suggestions(self, text):
        """Up to SUGGESTIONS labels of rows whose label or other names hold `text`, the labels
        that begin with it first."""
        field = self.label_field
        rows = (
            (self.suggested() if self.suggested else self.queryset)
            .filter(self._holding(text, "icontains"))
            .annotate(later=Case(When(**{f"{field}__istartswith": text}, then=1), default=2))
            .order_by("later", field)
            .values_list(field, flat=True)
        )
        return list(dict.fromkeys(rows[: SUGGESTIONS * 2]))[:SUGGESTIONS]


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
