from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.enums import OrganizationStatus
from members.models import Organization
from network.gaps.enums import Disaggregation, ExploitationForm
from network.gaps.models import Country, SubRegion
from network.gaps.selectors import country_choices, sub_region_choices
from network.platform.forms import FastSelects
from projects.selectors import projects_visible_to

from . import selectors
from .enums import AccessCondition, RequestAction
from .models import Dataset
from .services import FIELDS, RELATIONS

METADATA_ONLY = _(
    "The platform holds metadata only: describe the dataset, never upload it. Files are refused."
)
NO_FILES = _("This form takes no files: the catalogue describes data, it never stores it.")


ANY = _("Any")


def _blank(choices, label=ANY):
    return [("", label), *choices]


class RefusesFiles:
    """Refuses any uploaded file, whatever field it came in on: no microdata is ever kept."""

    def clean(self):
        cleaned = super().clean()
        if self.files:
            raise forms.ValidationError(NO_FILES, code="no_files")
        return cleaned


class DatasetFilterForm(FastSelects, forms.Form):
    country = forms.ChoiceField(required=False, label=_("Country"))
    sub_region = forms.ChoiceField(required=False, label=_("Sub-region"))
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))
    disaggregation = forms.ChoiceField(
        choices=_blank(Disaggregation.choices), required=False, label=_("Disaggregated by")
    )
    form = forms.ChoiceField(
        choices=_blank(ExploitationForm.choices), required=False, label=_("Form of exploitation")
    )
    owner = forms.ChoiceField(required=False, label=_("Owner"))
    access = forms.ChoiceField(
        choices=_blank(AccessCondition.choices), required=False, label=_("Access")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _blank(country_choices())
        self.fields["sub_region"].choices = _blank(sub_region_choices())
        self.fields["owner"].choices = _blank(selectors.owner_choices())


class DatasetForm(RefusesFiles, forms.ModelForm):
    owner = forms.ModelChoiceField(queryset=None, label=_("Owning organization"), empty_label=None)
    external_link = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Link to the open release"),
        help_text=_("Only for open datasets: where the data itself is published."),
    )

    class Meta:
        model = Dataset
        # In the order a person describes a dataset; FIELDS and RELATIONS are all here.
        fields = [
            "owner", "co_owners", "title", "description", "unit_of_record", "countries",
            "sub_regions", "year_from", "year_to", "variables", "disaggregations", "forms",
            "update_frequency", "standard", "access", "external_link", "legal_basis",
            "safeguards", "contact_role", "publications", "projects",
        ]  # fmt: skip
        widgets = {
            "co_owners": forms.CheckboxSelectMultiple,
            "countries": forms.SelectMultiple,
            "sub_regions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        members = Organization.objects.members().order_by("name")
        if user.has_perm("catalogue.describe_for_any_organization"):
            self.fields["owner"].queryset = members
        else:
            self.fields["owner"].queryset = members.of(user)
        if editing:
            del self.fields["owner"]
        self.fields["co_owners"].queryset = members
        self.fields["countries"].queryset = Country.objects.order_by("code")
        self.fields["sub_regions"].queryset = SubRegion.objects.all()
        self.fields["projects"].queryset = projects_visible_to(user)

    def split(self):
        data = self.cleaned_data
        return (
            {name: data[name] for name in FIELDS},
            {name: data[name] for name in RELATIONS},
        )


class AccessRequestForm(RefusesFiles, forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("On behalf of"), empty_label=None)
    purpose = forms.CharField(
        widget=forms.Textarea,
        max_length=3000,
        label=pgettext_lazy("purpose of data use", "Purpose"),
        help_text=_("Never include personal data of trafficked persons."),
    )  # fmt: skip
    project = forms.ModelChoiceField(
        queryset=None, required=False, label=_("The project it serves (optional)")
    )
    variables_needed = forms.CharField(
        widget=forms.Textarea, max_length=3000, label=_("Variables needed")
    )
    coverage_needed = forms.CharField(
        widget=forms.Textarea, max_length=2000, label=_("Coverage needed (places and years)")
    )
    storage = forms.CharField(
        widget=forms.Textarea, max_length=3000, label=_("How the data will be kept")
    )
    retention = forms.CharField(max_length=200, label=_("For how long"))
    k_confirmed = forms.BooleanField(
        required=False,
        label=_("Nothing we publish from this data will describe a group of fewer than 11 people."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            status=OrganizationStatus.MEMBER, memberships__user=user
        ).order_by("name")
        self.fields["project"].queryset = projects_visible_to(user)


class DecisionForm(RefusesFiles, forms.Form):
    action = forms.ChoiceField(choices=RequestAction.choices)
    note = forms.CharField(
        widget=forms.Textarea, max_length=3000, required=False, label=_("Reason, question or note")
    )
    conditions = forms.CharField(
        widget=forms.Textarea, max_length=3000, required=False, label=_("Conditions")
    )
    starts_on = forms.DateField(
        required=False, label=_("Start"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        required=False, label=_("End"), widget=forms.DateInput(attrs={"type": "date"})
    )


class GapCitationForm(FastSelects, forms.Form):
    """On a gap's page: cite a dataset of the catalogue as evidence."""

    gap = forms.IntegerField(widget=forms.HiddenInput)
    dataset = forms.ModelChoiceField(
        queryset=Dataset.objects.order_by("title", "pk"),
        to_field_name="slug",
        label=_("Dataset"),
        empty_label=_("Choose a dataset"),
    )
    note = forms.CharField(
        max_length=500,
        required=False,
        label=_("What the dataset could show (optional)"),
        help_text=_("Never include personal data of trafficked persons."),
    )
