from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.platform.forms import ContentLanguageField, FastSelects

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

NO_PERSONAL_DATA = _("Never include personal data of trafficked persons.")


def _blank(choices, label=None):
    return [("", label or pgettext_lazy("filter: no choice made", "Any")), *choices]


class GapFilterForm(FastSelects, forms.Form):
    area = forms.ChoiceField(choices=_blank(Area.choices), required=False, label=_("Area"))
    country = forms.ChoiceField(required=False, label=_("Country"))
    sub_region = forms.ChoiceField(required=False, label=_("Sub-region"))
    form = forms.ChoiceField(
        choices=_blank(ExploitationForm.choices), required=False, label=_("Form of exploitation")
    )
    disaggregation = forms.ChoiceField(
        choices=_blank(Disaggregation.choices), required=False, label=_("Missing disaggregation")
    )
    status = forms.ChoiceField(choices=_blank(GapStatus.choices), required=False, label=_("Status"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _blank(selectors.country_choices())
        self.fields["sub_region"].choices = _blank(selectors.sub_region_choices())


class HeatmapFilterForm(FastSelects, forms.Form):
    form = forms.ChoiceField(
        choices=_blank(ExploitationForm.choices), required=False, label=_("Form of exploitation")
    )
    status = forms.ChoiceField(
        choices=_blank(GapStatus.choices, _("Any status")),
        required=False,
        initial="open",
        label=_("Status"),
    )
    view = forms.ChoiceField(
        choices=[
            ("area", _("Countries by area")),
            ("disaggregation", _("Countries by missing disaggregation")),
        ],
        required=False,
        label=_("View"),
    )


class GapForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Reported by"), empty_label=None)
    title = forms.CharField(max_length=200, label=_("Title"))
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "What cannot be known, and why it matters. Never include personal data of "
            "trafficked persons."
        ),
    )
    language = ContentLanguageField()
    area = forms.ChoiceField(choices=_blank(Area.choices, _("Choose an area")), label=_("Area"))
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.select_related("sub_region"),
        required=False,
        label=_("Countries"),
        to_field_name="code",
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several."),
    )
    sub_regions = forms.ModelMultipleChoiceField(
        queryset=SubRegion.objects.all(),
        required=False,
        to_field_name="slug",
        label=_("Sub-regions"),
    )
    exploitation_forms = forms.MultipleChoiceField(
        choices=ExploitationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Forms of exploitation"),
    )
    missing_disaggregations = forms.MultipleChoiceField(
        choices=Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Missing disaggregations"),
    )
    empty_reason = forms.ChoiceField(
        choices=_blank(EmptyReason.choices, _("Choose a reason")), label=_("Why it is empty")
    )
    severity = forms.ChoiceField(
        choices=Severity.choices, initial=Severity.MEDIUM, label=_("Severity")
    )
    horizon = forms.DateField(
        label=_("Horizon"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("After this date the evidence counts as out of date and the gap as stale."),
    )

    def __init__(self, *args, organizations, keep_horizon=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.keep_horizon = keep_horizon

    def clean_horizon(self):
        horizon = self.cleaned_data.get("horizon")
        # An edit may keep a horizon that has since passed; a new one must lie ahead.
        if horizon and horizon != self.keep_horizon and horizon < timezone.localdate():
            raise forms.ValidationError(_("The horizon must be today or later."))
        return horizon

    def clean(self):
        data = super().clean()
        if not data.get("countries") and not data.get("sub_regions") and not self.errors:
            raise forms.ValidationError(_("Name at least one country or sub-region."))
        return data


class EvidenceForm(forms.Form):
    evidence_title = forms.CharField(max_length=300, required=False, label=_("Source title"))
    evidence_url = forms.URLField(required=False, label=_("Link"), assume_scheme="https")
    evidence_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label=_("What the source shows"),
        help_text=NO_PERSONAL_DATA,
    )
    evidence_people_count = forms.IntegerField(
        required=False,
        min_value=0,
        label=_("People counted in the source"),
        help_text=_("Optional. Shown as “fewer than 11” below 11."),
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
            self.add_error("evidence_title", _("Give the source a title."))
        return data


class GapTransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NO_PERSONAL_DATA,
    )

    def __init__(self, *args, gap, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = GAP_TRANSITIONS.get(gap.status, set())
        self.fields["to_status"].choices = [c for c in GapStatus.choices if c[0] in allowed]


class GapTranslationForm(forms.Form):
    """A member's translation of a gap's description; its language is chosen once, when it is
    added (`editing` drops the field and starts from its text)."""

    language = ContentLanguageField(
        required=True,
        label=_("Language of the translation"),
        help_text=_("One translation per language; not the language of the original."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=NO_PERSONAL_DATA,
    )

    def __init__(self, *args, editing=None, **kwargs):
        if editing is not None:
            kwargs.setdefault("initial", {"description": editing.description})
        super().__init__(*args, **kwargs)
        if editing is not None:
            del self.fields["language"]
            self.fields["description"].widget.attrs["lang"] = editing.language


def member_organizations_of(user):
    from members.models import Organization

    return Organization.objects.members().of(user)
