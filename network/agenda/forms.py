from django import forms

from network.gaps.models import DataGap
from network.platform.forms import FastSelects

from .enums import PRIORITY_TRANSITIONS, PriorityStatus, Theme, VoteChoice

NO_PERSONAL_DATA = "Never include personal data of trafficked persons."


class PriorityFilterForm(FastSelects, forms.Form):
    theme = forms.ChoiceField(choices=[("", "Any theme"), *Theme.choices], required=False)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *PriorityStatus.choices], required=False
    )


class PriorityForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, empty_label=None, label="Proposed for")
    title = forms.CharField(max_length=200)
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=f"Why the network should research this. {NO_PERSONAL_DATA}",
    )
    theme = forms.ChoiceField(choices=[("", "Choose a theme"), *Theme.choices])
    gaps = forms.ModelMultipleChoiceField(
        queryset=DataGap.objects.order_by("title"),
        required=False,
        label="Data gaps it answers",
        help_text="Hold Ctrl (Cmd on a Mac) to choose several.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class VoteForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=VoteChoice.choices, widget=forms.RadioSelect)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label="Move to")
    reason = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), label="Why")

    def __init__(self, *args, priority, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = PRIORITY_TRANSITIONS.get(priority.status, set())
        self.fields["to_status"].choices = [c for c in PriorityStatus.choices if c[0] in allowed]


class VoteOpenForm(forms.Form):
    closes_at = forms.DateTimeField(
        label="Vote closes at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    quorum = forms.IntegerField(
        min_value=1, max_value=100, initial=50, label="Quorum (% of member organizations)"
    )
    reason = forms.CharField(max_length=1000, required=False, label="Note")
