from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from members.models import Organization
from network.gaps.models import Country
from network.platform.forms import ContentLanguageField

from .enums import Kind, SourceKind
from .models import Questionnaire
from .services import NO_RESPONDENT

NO_PERSONAL_DATA = _(
    "Facts about the state and its systems only: never personal data of trafficked persons."
)


class RoundForm(forms.Form):
    """Step one of opening a round: what, by when, for which countries."""

    title = forms.CharField(label=_("Title"), max_length=200)
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire version"), queryset=Questionnaire.objects.all(), empty_label=None
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries in scope"),
        queryset=Country.objects.select_related("sub_region").order_by("code"),
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(gettext("The deadline must be in the future."))
        return deadline


def respondent_field_name(country):
    return f"respondents_{country.code}"


class RespondentsForm(forms.Form):
    """Step two: for each country, the member organizations that answer for it; those that
    work there are offered first and ticked."""

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = list(countries)
        organizations = list(Organization.objects.members().order_by("name"))
        for country in self.countries:
            code = str(country.code)
            working = [o for o in organizations if code in [str(c) for c in o.countries]]
            others = [o for o in organizations if o not in working]
            field = forms.ModelMultipleChoiceField(
                label=str(country),
                queryset=Organization.objects.members(),
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": gettext(NO_RESPONDENT) % {"country": country}},
            )
            field.choices = [(o.pk, f"{o.name} ✓" if o in working else o.name) for o in working] + [
                (o.pk, o.name) for o in others
            ]
            self.fields[respondent_field_name(country)] = field
            self.initial.setdefault(respondent_field_name(country), [o.pk for o in working])

    def assignments(self):
        return {
            country: list(self.cleaned_data[respondent_field_name(country)])
            for country in self.countries
        }


def _value_field(question):
    label, help_text = gettext(question.label), gettext(question.help_text)
    choices = [(str(v), gettext(text)) for v, text in question.choices]
    if question.kind in (Kind.CHOICE, Kind.YES_NO):
        return forms.ChoiceField(
            label=label, help_text=help_text, required=False,
            choices=[("", "—"), *choices],
        )  # fmt: skip
    if question.kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label, help_text=help_text, required=False, choices=choices,
            widget=forms.CheckboxSelectMultiple,
        )  # fmt: skip
    if question.kind == Kind.COUNTRIES:
        return forms.MultipleChoiceField(
            label=label, help_text=help_text, required=False, choices=list(all_countries)
        )
    if question.kind == Kind.YEAR:
        year = timezone.localdate().year
        return forms.IntegerField(
            label=label, help_text=help_text, required=False, min_value=1900,
            max_value=year + 10,
            error_messages={"invalid": gettext("Enter a year, such as 2008.")},
        )  # fmt: skip
    if question.kind == Kind.NUMBER:
        unit = gettext(question.unit)
        return forms.DecimalField(
            label=f"{label} ({unit})" if unit else label, help_text=help_text,
            required=False, min_value=Decimal(0), max_digits=14, decimal_places=2,
        )  # fmt: skip
    return forms.CharField(
        label=label,
        help_text=" ".join(filter(None, [help_text, str(NO_PERSONAL_DATA)])),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    """An organization's answer: each question with where the answer comes from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    language = ContentLanguageField(
        help_text=_("The language of your written answers. The site never machine-translates them.")
    )

    def __init__(self, *args, questions, answer, **kwargs):
        super().__init__(*args, **kwargs)
        if answer.revision:
            # A saved answer keeps its language unless the writer changes it.
            self.initial.setdefault("language", answer.language)
        self.questions = list(questions)
        self.sections = {}
        for question in self.questions:
            key = question.key
            self.fields[f"q_{key}"] = _value_field(question)
            if question.kind == Kind.TEXT and answer.revision:
                self.fields[f"q_{key}"].widget.attrs["lang"] = answer.language
            self.fields[f"q_{key}_source_kind"] = forms.ChoiceField(
                label=_("Source"), required=False, choices=[("", "—"), *SourceKind.choices]
            )
            self.fields[f"q_{key}_source_ref"] = forms.CharField(
                label=_("Publication or link"), required=False, max_length=500
            )
            self.sections.setdefault(gettext(question.section), []).append(
                [self[f"q_{key}"], self[f"q_{key}_source_kind"], self[f"q_{key}_source_ref"]]
            )
            entry = answer.values.get(key) or {}
            self.initial.setdefault(f"q_{key}", entry.get("value"))
            self.initial.setdefault(f"q_{key}_source_kind", entry.get("source_kind", ""))
            self.initial.setdefault(f"q_{key}_source_ref", entry.get("source_ref", ""))
        self.initial.setdefault("revision", answer.revision)

    def clean(self):
        data = super().clean()
        for question in self.questions:
            key = question.key
            value = data.get(f"q_{key}")
            kind = data.get(f"q_{key}_source_kind")
            ref = (data.get(f"q_{key}_source_ref") or "").strip()
            if value in (None, "", []):
                continue
            if not kind:
                message = gettext("Say where this answer comes from.")
                self.add_error(f"q_{key}_source_kind", message)
            elif kind in (SourceKind.PUBLICATION, SourceKind.LINK) and not ref:
                message = gettext("Name the publication or give the link.")
                self.add_error(f"q_{key}_source_ref", message)
            elif kind == SourceKind.LINK and not ref.startswith(("https://", "http://")):
                self.add_error(f"q_{key}_source_ref", gettext("A link starts with https://."))
        return data

    def values(self):
        values = {}
        for question in self.questions:
            key = question.key
            value = self.cleaned_data.get(f"q_{key}")
            if value in (None, "", []):
                continue
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            values[key] = {
                "value": value,
                "source_kind": self.cleaned_data.get(f"q_{key}_source_kind", ""),
                "source_ref": self.cleaned_data.get(f"q_{key}_source_ref", ""),
            }
        return values


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
