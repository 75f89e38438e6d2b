from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organization


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text (Markdown)"),
        max_length=20000,
        widget=forms.Textarea,
        help_text=_("Never include personal data of trafficked persons."),
    )
    to_all_members = forms.BooleanField(label=_("All member organizations"), required=False)
    organizations = forms.ModelMultipleChoiceField(
        label=_("Or these organizations"),
        queryset=Organization.objects.members().order_by("name"),
        required=False,
    )
    acknowledge_by = forms.DateTimeField(
        label=_("Acknowledge by"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    is_public = forms.BooleanField(label=_("Public (text visible to everyone)"), required=False)


class AcknowledgeForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    comment = forms.CharField(label=_("Comment (optional)"), max_length=2000, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
