from django import forms
from django.utils.translation import gettext_lazy as _

from events.enums import MinutesStatus, OutputKind
from events.models import EventOutput, EventPage
from members.models import Organization
from network.platform.forms import FastSelects
from network.platform.languages import source_pages

from .enums import DecisionStatus, RecordKind


class DecisionFilterForm(FastSelects, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *RecordKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *DecisionStatus.choices]
    )
    organization = forms.ModelChoiceField(
        label=_("Responsible organization"), required=False,
        queryset=Organization.objects.members().order_by("name"), to_field_name="slug",
    )  # fmt: skip
    event = forms.ModelChoiceField(
        label=_("Meeting"), required=False, queryset=EventPage.objects.none()
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Public meetings only: the filter is on a page everyone sees. (Wagtail's public()
        # reads the view restrictions, so it is built per form, not at import.)
        self.fields["event"].queryset = source_pages(EventPage.objects.live().public()).order_by(
            "-start"
        )


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RecordKind.choices)
    text = forms.CharField(
        label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was decided or is to be done. No personal data of trafficked persons."),
    )  # fmt: skip
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible organizations"), required=False,
        queryset=Organization.objects.members().order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    due = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for no date."),
    )  # fmt: skip
    event = forms.ModelChoiceField(
        label=_("Meeting"), required=False, queryset=EventPage.objects.live().order_by("-start")
    )
    minutes = forms.ModelChoiceField(
        required=False, widget=forms.HiddenInput,
        queryset=EventOutput.objects.filter(
            kind=OutputKind.MINUTES, minutes_status__in=[MinutesStatus.AGREED, MinutesStatus.FINAL]
        ).select_related("event"),
        error_messages={"invalid_choice": _("These minutes are not agreed or final.")},
    )  # fmt: skip


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=DecisionStatus.choices)
    note = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        if decision is not None:
            from .enums import TRANSITIONS

            allowed = TRANSITIONS.get(decision.status, set())
            self.fields["to_status"].choices = [
                (value, label) for value, label in DecisionStatus.choices if value in allowed
            ]
