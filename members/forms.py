from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from .enums import OrganizationKind, RequestStatus, Visibility
from .models import LANGUAGE_CHOICES, MembershipRequest, Organization, User
from .services import PROFILE_FIELDS

NO_PERSONAL_DATA = "Describe work and research only: never personal data of trafficked persons."


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All kinds"), *OrganizationKind.choices]
    )
    country = forms.ChoiceField(
        label="Country of work", required=False, choices=[("", "All countries"), *all_countries]
    )


class OrganizationForm(forms.ModelForm):
    """The application and the focal point's profile edit share one set of fields."""

    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Organization
        fields = list(PROFILE_FIELDS)
        help_texts = {
            "mandate": "What your organization does on child trafficking, in a few sentences. "
            + NO_PERSONAL_DATA,
            "countries": "Hold Ctrl (⌘ on a Mac) to choose several.",
        }
        widgets = {"mandate": forms.Textarea(attrs={"rows": 5})}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Organization.objects.filter(name__iexact=name).exclude(status="declined")
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("An organization with this name is already registered.")
        return name


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Colleague's email address")


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label="Message to the focal point",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your role and why you want to join. " + NO_PERSONAL_DATA,
    )


class AlternateForm(forms.Form):
    user = forms.ModelChoiceField(label="Alternate focal point", queryset=User.objects.none())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # Hidden people are listed nowhere, this choice included.
        self.fields["user"].queryset = User.objects.filter(
            memberships__organization=organization, memberships__role="member", is_active=True
        ).exclude(visibility=Visibility.HIDDEN)


class MembershipDecisionForm(forms.Form):
    request = forms.ModelChoiceField(queryset=MembershipRequest.objects.none())
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = organization.membership_requests.filter(
            status=RequestStatus.PENDING
        )


class MembershipEndForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason the membership ends"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Reason (sent to the applicant)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProfileForm(forms.ModelForm):
    expertise = forms.CharField(
        label="Expertise",
        required=False,
        max_length=500,
        help_text="Comma-separated topics, e.g. data collection, child protection.",
    )
    languages = forms.MultipleChoiceField(
        label="Languages", required=False, choices=LANGUAGE_CHOICES
    )

    class Meta:
        model = User
        fields = ["display_name", "bio", "countries", "languages", "visibility"]
        help_texts = {"bio": "About your work. " + NO_PERSONAL_DATA}
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["expertise"] = ", ".join(t.name for t in self.instance.expertise.all())

    def clean_expertise(self):
        tags = [t.strip() for t in self.cleaned_data["expertise"].split(",") if t.strip()]
        if any(len(t) > 100 for t in tags):
            raise forms.ValidationError("Each topic can be at most 100 characters.")
        return tags


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=80,
        help_text="What it is for, so you can tell your tokens apart (e.g. “reporting script”).",
    )
