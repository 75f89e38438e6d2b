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


@pytest.mark.parametrize("required", [True, False])
@pytest.mark.parametrize(
    "choices", [lambda: CHOICES, lambda: CHOICES[1:]], ids=["empty-first", "value-first"]
)
def test_callable_choices_give_djangos_markup_and_required_rule(choices, required):
    """A callable's choices are taken as the callable gives them (Django normalizes them on
    every iteration): same options, and `required` only where the first option is empty."""

    class Form(FastSelects, forms.Form):
        country = forms.ChoiceField(choices=choices, required=required)

    class Plain(forms.Form):
        country = forms.ChoiceField(choices=choices, required=required)

    assertHTMLEqual(
        str(Form({"country": "xk"})["country"]), str(Plain({"country": "xk"})["country"])
    )


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


@pytest.mark.django_db
def test_model_choices_are_cached_until_a_write(django_assert_num_queries):
    from members.models import Organization
    from tests.factories import OrganizationFactory

    class ByOrganization(FastSelects, forms.Form):
        organization = forms.ModelChoiceField(
            queryset=Organization.objects.order_by("name"), to_field_name="slug", required=False
        )

    OrganizationFactory(name="Agency A", slug="agency-a")
    first = str(ByOrganization()["organization"])
    assert '<option value="agency-a">Agency A</option>' in first
    with django_assert_num_queries(0):
        assert str(ByOrganization()["organization"]) == first
    OrganizationFactory(name="Agency B", slug="agency-b")
    assert '<option value="agency-b">Agency B</option>' in str(ByOrganization()["organization"])
    # Validation still asks the database, never the cached list.
    form = ByOrganization({"organization": "agency-b"})
    assert form.is_valid() and form.cleaned_data["organization"].slug == "agency-b"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "b-and-c", ["a-lt", "b-and-c"], "missing"])
def test_model_choices_have_the_markup_djangos_select_has(value):
    """The cached block of options, with `selected` marked on it, is Django's markup: for no
    choice, one, several (multiple) and a value that is no option; names are escaped."""
    from members.models import Organization
    from tests.factories import OrganizationFactory

    OrganizationFactory(name="A <Agency>", slug="a-lt")
    OrganizationFactory(name="B & C", slug="b-and-c")
    OrganizationFactory(name="B & Co", slug="b-and-co")
    multiple = isinstance(value, list)
    field_class = forms.ModelMultipleChoiceField if multiple else forms.ModelChoiceField
    field = field_class(queryset=Organization.objects.order_by("name"), to_field_name="slug")
    plain = (forms.SelectMultiple if multiple else forms.Select)(choices=field.choices)
    fast = (FastSelectMultiple if multiple else FastSelect)(choices=field.choices)
    attrs = {"id": "id_organization"}
    expected = plain.render("organization", value, attrs=attrs)
    rendered = fast.render("organization", value, attrs=attrs)
    assertHTMLEqual(rendered, expected)
    assert "A &lt;Agency&gt;" in rendered
    # None selects the empty choice ("---------"), as Django does; "missing" selects nothing.
    assert rendered.count(" selected") == (0 if value == "missing" else 2 if multiple else 1)
