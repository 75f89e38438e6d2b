from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organization


class ProposeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    mandate = forms.CharField(
        label=_("Mandate"), max_length=5000, required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the group is for, in Markdown. No personal data of trafficked persons."),
    )  # fmt: skip
    organization = forms.ModelChoiceField(
        label=_("Convening organization"), queryset=Organization.objects.none(),
        help_text=_("Your organization convenes the group; others join it as equals."),
    )  # fmt: skip

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class OrganizationForm(forms.Form):
    """Joining or leaving: which of the person's organizations acts."""

    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    note = forms.CharField(
        label=_("Note to the conveners (optional)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args, organizations, with_note=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if not with_note:
            del self.fields["note"]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )


class StatusForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("close", _("Close"))]
    )
