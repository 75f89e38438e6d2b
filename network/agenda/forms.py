from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.gaps.models import DataGap
from network.platform.forms import ContentLanguageField, FastSelects

from .enums import PRIORITY_TRANSITIONS, PriorityStatus, Theme, VoteChoice


class PriorityFilterForm(FastSelects, forms.Form):
    theme = forms.ChoiceField(
        choices=[("", _("Any theme")), *Theme.choices], required=False, label=_("Theme")
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *PriorityStatus.choices], required=False, label=_("Status")
    )


class PriorityForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, empty_label=None, label=_("Proposed for"))
    title = forms.CharField(max_length=200, label=_("Title"))
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "Why the network should research this. Never include personal data of trafficked "
            "persons."
        ),
    )
    language = ContentLanguageField()
    theme = forms.ChoiceField(choices=[("", _("Choose a theme")), *Theme.choices], label=_("Theme"))
    gaps = forms.ModelMultipleChoiceField(
        queryset=DataGap.objects.order_by("title"),
        required=False,
        label=_("Data gaps it answers"),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class PriorityTranslationForm(forms.Form):
    """A member's translation of a priority's title and rationale; its language is chosen
    once, when it is added (`editing` drops the field and starts from its text)."""

    language = ContentLanguageField(
        required=True,
        label=_("Language of the translation"),
        help_text=_("One translation per language; not the language of the original."),
    )
    title = forms.CharField(max_length=200, label=_("Title"))
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Never include personal data of trafficked persons."),
    )

    def __init__(self, *args, editing=None, **kwargs):
        if editing is not None:
            kwargs.setdefault("initial", {"title": editing.title, "rationale": editing.rationale})
        super().__init__(*args, **kwargs)
        if editing is not None:
            del self.fields["language"]
            for name in ("title", "rationale"):
                self.fields[name].widget.attrs["lang"] = editing.language


class VoteForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        choices=VoteChoice.choices, widget=forms.RadioSelect, label=_("Choice")
    )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=pgettext_lazy("priority status", "Move to"))
    reason = forms.CharField(
        max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Why")
    )

    def __init__(self, *args, priority, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = PRIORITY_TRANSITIONS.get(priority.status, set())
        self.fields["to_status"].choices = [c for c in PriorityStatus.choices if c[0] in allowed]


class VoteOpenForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Vote closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    quorum = forms.IntegerField(
        min_value=1,
        max_value=100,
        initial=50,
        # xgettext:no-python-format
        label=_("Quorum (% of member organizations)"),
    )
    reason = forms.CharField(max_length=1000, required=False, label=_("Note"))
