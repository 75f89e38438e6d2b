from django import forms
from django.utils import timezone

from network.platform.forms import FastSelects

from . import selectors
from .enums import (
    GAP_TRANSITIONS,
    Area,
    Disaggregation,
    EmptyReason,
    ExploitationForm,
    GapStatus,
    Severity,
)
from .models import Country, SubRegion

NO_PERSONAL_DATA = "Never include personal data of trafficked persons."


def _blank(choices, label="Any"):
    return [("", label), *choices]


class GapFilterForm(FastSelects, forms.Form):
    area = forms.ChoiceField(choices=_blank(Area.choices), required=False)
    country = forms.ChoiceField(required=False)
    sub_region = forms.ChoiceField(required=False, label="Sub-region")
    form = forms.ChoiceField(
        choices=_blank(ExploitationForm.choices), required=False, label="Form of exploitation"
    )
    disaggregation = forms.ChoiceField(
        choices=_blank(Disaggregation.choices), required=False, label="Missing disaggregation"
    )
    status = forms.ChoiceField(choices=_blank(GapStatus.choices), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _blank(selectors.country_choices())
        self.fields["sub_region"].choices = _blank(selectors.sub_region_choices())


class HeatmapFilterForm(FastSelects, forms.Form):
    form = forms.ChoiceField(
        choices=_blank(ExploitationForm.choices), required=False, label="Form of exploitation"
    )
    status = forms.ChoiceField(
        choices=_blank(GapStatus.choices, "Any status"), required=False, initial="open"
    )
    view = forms.ChoiceField(
        choices=[
            ("area", "Countries by area"),
            ("disaggregation", "Countries by missing disaggregation"),
        ],
        required=False,
    )


class GapForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label="Reported by", empty_label=None)
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=f"What cannot be known, and why it matters. {NO_PERSONAL_DATA}",
    )
    area = forms.ChoiceField(choices=_blank(Area.choices, "Choose an area"))
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.select_related("sub_region"),
        required=False,
        to_field_name="code",
        help_text="Hold Ctrl (Cmd on a Mac) to choose several.",
    )
    sub_regions = forms.ModelMultipleChoiceField(
        queryset=SubRegion.objects.all(),
        required=False,
        to_field_name="slug",
        label="Sub-regions",
    )
    exploitation_forms = forms.MultipleChoiceField(
        choices=ExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Forms of exploitation",
    )
    missing_disaggregations = forms.MultipleChoiceField(
        choices=Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Missing disaggregations",
    )
    empty_reason = forms.ChoiceField(
        choices=_blank(EmptyReason.choices, "Choose a reason"), label="Why it is empty"
    )
    severity = forms.ChoiceField(choices=Severity.choices, initial=Severity.MEDIUM)
    horizon = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="After this date the evidence counts as out of date and the gap as stale.",
    )

    def __init__(self, *args, organizations, keep_horizon=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.keep_horizon = keep_horizon

    def clean_horizon(self):
        horizon = self.cleaned_data.get("horizon")
        # An edit may keep a horizon that has since passed; a new one must lie ahead.
        if horizon and horizon != self.keep_horizon and horizon < timezone.localdate():
            raise forms.ValidationError("The horizon must be today or later.")
        return horizon

    def clean(self):
        data = super().clean()
        if not data.get("countries") and not data.get("sub_regions") and not self.errors:
            raise forms.ValidationError("Name at least one country or sub-region.")
        return data


class EvidenceForm(forms.Form):
    evidence_title = forms.CharField(max_length=300, required=False, label="Source title")
    evidence_url = forms.URLField(required=False, label="Link", assume_scheme="https")
    evidence_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label="What the source shows",
        help_text=NO_PERSONAL_DATA,
    )
    evidence_people_count = forms.IntegerField(
        required=False,
        min_value=0,
        label="People counted in the source",
        help_text="Optional. Shown as “fewer than 11” below 11.",
    )

    def evidence(self):
        data = self.cleaned_data
        if not data.get("evidence_title"):
            return []
        return [
            {
                "title": data["evidence_title"],
                "url": data.get("evidence_url") or "",
                "description": data.get("evidence_description") or "",
                "people_count": data.get("evidence_people_count"),
            }
        ]

    def clean(self):
        data = super().clean()
        if not data.get("evidence_title") and (
            data.get("evidence_url") or data.get("evidence_description")
        ):
            self.add_error("evidence_title", "Give the source a title.")
        return data


class GapTransitionForm(forms.Form):
    to_status = forms.ChoiceField(label="New status")
    reason = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NO_PERSONAL_DATA,
    )

    def __init__(self, *args, gap, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = GAP_TRANSITIONS.get(gap.status, set())
        self.fields["to_status"].choices = [c for c in GapStatus.choices if c[0] in allowed]


def member_organizations_of(user):
    from members.models import Organization

    return Organization.objects.members().filter(memberships__user=user).order_by("name")
