"""FastSelect writes the markup Django's Select writes, only faster."""

import pytest
from django import forms
from pytest_django.asserts import assertHTMLEqual

from network.platform.forms import FastSelect, FastSelectMultiple, FastSelects

CHOICES = [
    ("", "Any"),
    ("md", "Moldova & <Transnistria>"),
    ("Balkans", [("al", "Albania"), ("xk", "Kosovo")]),
    ("md", "Moldova again"),
]


@pytest.mark.parametrize(
    ("plain", "fast", "value"),
    [
        (forms.Select, FastSelect, "md"),
        (forms.Select, FastSelect, "xk"),
        (forms.Select, FastSelect, None),
        (forms.SelectMultiple, FastSelectMultiple, ["md", "al"]),
        (forms.SelectMultiple, FastSelectMultiple, []),
    ],
)
def test_same_markup_as_djangos_select(plain, fast, value):
    attrs = {"id": "id_country", "aria-describedby": "help", "required": True, "disabled": False}
    expected = plain(choices=CHOICES).render("country", value, attrs=attrs)
    assertHTMLEqual(fast(choices=CHOICES).render("country", value, attrs=attrs), expected)
    # A single select marks only its first match; labels and values are escaped.
    rendered = fast(choices=CHOICES).render("country", value)
    assert "&lt;Transnistria&gt;" in rendered
    if value == "md":
        assert rendered.count(" selected") == 1


class Filters(FastSelects, forms.Form):
    country = forms.ChoiceField(choices=CHOICES, required=False)
    countries = forms.MultipleChoiceField(choices=CHOICES[:2], required=False)
    q = forms.CharField(required=False)


def test_the_mixin_swaps_plain_selects_and_keeps_binding():
    form = Filters({"country": "al", "countries": ["md"], "q": "x"})
    assert type(form.fields["country"].widget) is FastSelect
    assert type(form.fields["countries"].widget) is FastSelectMultiple
    assert type(form.fields["q"].widget) is forms.TextInput
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"country": "al", "countries": ["md"], "q": "x"}
    assert '<option value="al" selected>Albania</option>' in str(form["country"])
