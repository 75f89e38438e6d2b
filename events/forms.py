from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from network.platform.forms import FastSelects, SuggestedChoiceField
from network.platform.languages import country_options

from .enums import EventKind, MinutesStatus, OutputKind, RegistrationStatus
from .models import LANGUAGE_CHOICES, Session
from .selectors import organizing_organizations

NO_PERSONAL_DATA = _("Never include personal data of trafficked persons.")


class EventFilterForm(FastSelects, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=lambda: [("", _("All countries")), *country_options()],
    )
    organization = SuggestedChoiceField(
        label=_("Organized by"),
        required=False,
        queryset=Organization.objects.none(),
        to_field_name="slug",
        empty_label=_("All organizations"),
        suggest="event-organizers",
        label_field="name",
        also=["acronym"],
        suggested=lambda: organizing_organizations(),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class RegistrationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization you represent"), queryset=Organization.objects.none()
    )

    def __init__(self, *args, organizations, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        # Most people belong to one organization: preselect it rather than make them pick
        # from a list of one (a keyboard user needs arrow keys for a select). The template
        # evaluates this queryset anyway, so len() costs no query.
        field = self.fields["organization"]
        if len(field.queryset) == 1:
            field.empty_label, field.initial = None, field.queryset[0]
        for question in questions:
            self.fields[question.key] = forms.CharField(
                label=question.label,
                required=question.required,
                max_length=2000,
                help_text=" ".join(filter(None, [question.help_text, str(NO_PERSONAL_DATA)])),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "organization"}


class DecisionForm(forms.Form):
    registrations = forms.ModelMultipleChoiceField(queryset=None)
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = event.registrations.filter(
            status__in=[RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED]
        )
        self.fields["registrations"].error_messages["required"] = _(
            "Tick at least one pending or waitlisted person."
        )


class OrganizationDecisionForm(forms.Form):
    """A focal point's or alternate's decision on one registration awaiting the organization."""

    registration = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    confirm = forms.BooleanField(label=_("Yes, decline this registration"), required=False)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = registrations
        self.fields["registration"].error_messages["invalid_choice"] = _(
            "This registration no longer awaits your organization."
        )
        self.fields["registration"].error_messages["required"] = _(
            "Choose a registration that awaits your organization."
        )

    def clean(self):
        data = super().clean()
        # Declining cannot be undone by the organization: it is confirmed on purpose.
        if data.get("decision") == "decline" and not data.get("confirm"):
            raise forms.ValidationError(_("Tick the box to confirm that you decline it."))
        return data


class EmailParticipantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(
            "{} {}", _("Sent to every confirmed participant, one email each."), NO_PERSONAL_DATA
        ),
    )


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutputKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="en")
    version = forms.CharField(
        label=_("Version"), required=False, max_length=20, help_text=_("e.g. 1.0 or “draft 2”.")
    )
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, DOCX, ODT or XLSX, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx"}),
    )
    link = forms.URLField(
        label=_("Link"), required=False, assume_scheme="https", help_text=_("Or a link to it.")
    )
    planned = forms.BooleanField(
        required=False, label=_("Planned: announced, not available yet (no file or link)")
    )

    def clean(self):
        data = super().clean()
        if data.get("file") and data.get("link"):
            raise forms.ValidationError(_("Give a document or a link, not both."))
        return data


class OutputStatusForm(forms.Form):
    to = forms.ChoiceField(label=_("Status"), choices=MinutesStatus.choices)


class MinutesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    session = forms.ModelChoiceField(
        label=_("Session"), required=False, queryset=Session.objects.none(),
        empty_label=_("The whole event"),
        help_text=_("Minutes of one session: the organizations that attended the event sign "
                    "them off, as sessions take no registrations of their own."),
    )  # fmt: skip
    body = forms.CharField(
        label=_("Minutes"), max_length=50000, widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown. Never include personal data of trafficked persons."),
    )  # fmt: skip

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(page=event).order_by("start")
        if not self.fields["session"].queryset.exists():
            del self.fields["session"]


class MinutesReviseForm(forms.Form):
    body = forms.CharField(
        label=_("Minutes"), max_length=50000, widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown. Never include personal data of trafficked persons."),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=500, required=False,
        help_text=_("Required once the minutes are circulated: the organizations see it."),
    )  # fmt: skip


class CirculateForm(forms.Form):
    days = forms.IntegerField(
        label=_("Sign-off period (days)"), min_value=1, max_value=90, initial=14,
        help_text=_("Minutes no organization objected to are agreed when it ends."),
    )  # fmt: skip


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that final minutes are locked: later changes are corrections.")
    )


class SignOffForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("For"), queryset=Organization.objects.none(), empty_label=None
    )
    answer = forms.ChoiceField(
        label=_("Answer"), widget=forms.RadioSelect,
        choices=[("approve", _("Approve")), ("change", _("Ask for a change"))],
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Comment"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you ask for a change."),
    )  # fmt: skip

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Any organization may be named, so that one that did not attend hears why it cannot.
        self.fields["organization"].queryset = Organization.objects.order_by("name")
        self.fields["organization"].widget.choices = [(o.pk, o.name) for o in organizations]
