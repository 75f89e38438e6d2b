from django import forms
from django.utils.translation import gettext_lazy as _

from network.platform.models import EmailFrequency


class PreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How should the network email you?"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Formal notices that your organization must acknowledge are always sent, whatever "
            "you choose."
        ),
    )
