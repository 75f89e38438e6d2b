from django import forms
from django.db.models.functions import Lower
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from network.platform.cache import app_version, versioned
from network.platform.forms import FastSelects, SuggestedChoiceField
from network.platform.languages import country_options, translated

from .enums import OrganizationKind, RequestStatus, Visibility
from .models import LANGUAGE_CHOICES, MembershipRequest, Organization, User
from .selectors import expertise_suggestions
from .services import PROFILE_FIELDS
from .services.people import EXPERTISE_NAME_LENGTH, PERSON_FIELDS

NO_PERSONAL_DATA = _("Describe work and research only: never personal data of trafficked persons.")


class DirectoryFilterForm(FastSelects, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganizationKind.choices]
    )
    country = forms.ChoiceField(
        label=_("Country of work"),
        required=False,
        choices=lambda: [("", _("All countries")), *country_options()],
    )


class PeopleFilterForm(FastSelects, forms.Form):
    """The people directory's filters; lists come from what may be shown to anyone."""

    q = forms.CharField(label=_("Name or words in the bio"), required=False, max_length=100)
    expertise = forms.ChoiceField(label=_("Expertise"), required=False)
    country = forms.ChoiceField(
        label=_("Country of work"),
        required=False,
        choices=lambda: [("", _("All countries")), *country_options()],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=lambda: [("", _("All languages")), *translated(LANGUAGE_CHOICES)],
    )
    # Typed, not picked: 500 member organizations on the large network, 2,000 on the xlarge.
    organization = SuggestedChoiceField(
        label=_("Organization"),
        required=False,
        queryset=Organization.objects.members().order_by(Lower("name")),
        to_field_name="slug",
        empty_label=_("All organizations"),
        suggest="member-organizations",
        label_field="name",
        also=["acronym"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable: a list given to a field is normalized choice by choice on every view;
        # FastSelect takes it as it is.
        self.fields["expertise"].choices = lambda: [("", _("All expertise")), *_expertise_choices()]

    def clean_organization(self):
        # The directory filters by slug, as the API does.
        organization = self.cleaned_data["organization"]
        return organization.slug if organization else ""


def _expertise_choices():
    """(slug, name) of the expertise offered (expertise_suggestions), kept in the shared cache
    until a write to members."""

    def compute():
        return list(expertise_suggestions().values_list("slug", "name"))

    return versioned(app_version("members"), "expertise-choices", compute, 3600)


class OrganizationForm(FastSelects, forms.ModelForm):
    """The application and the focal point's profile edit share one set of fields."""

    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Organization
        fields = list(PROFILE_FIELDS)
        labels = {
            "name": _("Name"),
            "acronym": _("Acronym"),
            "kind": _("Kind"),
            "headquarters_country": _("Headquarters country"),
            "countries": _("Countries of work"),
            "mandate": _("Mandate"),
        }
        help_texts = {
            "mandate": format_lazy(
                "{} {}",
                _("What your organization does on child trafficking, in a few sentences."),
                NO_PERSONAL_DATA,
            ),
            "countries": _("Hold Ctrl (⌘ on a Mac) to choose several."),
        }
        widgets = {"mandate": forms.Textarea(attrs={"rows": 5})}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Organization.objects.filter(name__iexact=name).exclude(status="declined")
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("An organization with this name is already registered."))
        return name


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email address"))


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the focal point"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=format_lazy("{} {}", _("Your role and why you want to join."), NO_PERSONAL_DATA),
    )


class AlternateForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Alternate focal point"), queryset=User.objects.none())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # Hidden people are listed nowhere, this choice included.
        self.fields["user"].queryset = User.objects.filter(
            memberships__organization=organization, memberships__role="member", is_active=True
        ).exclude(visibility=Visibility.HIDDEN)


class MembershipDecisionForm(forms.Form):
    request = forms.ModelChoiceField(queryset=MembershipRequest.objects.none())
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])

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
        label=_("Reason (sent to the applicant)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


MAX_EXPERTISE = 30
# On the profile's long lists; network/static/network/multiselect.js makes them searchable.
MULTISELECT = {
    "data-multiselect": "",
    "data-multiselect-help": _("Type to search; choose several."),
}


class ExpertiseField(forms.MultipleChoiceField):
    """The list's entries plus names typed in: a value need not be one of the choices, and
    one value may hold several names separated by commas (the form without scripts)."""

    def valid_value(self, value):
        return True

    def to_python(self, value):
        names = [n.strip() for v in super().to_python(value) for n in v.split(",")]
        return [n for n in names if n]


class ProfileForm(FastSelects, forms.ModelForm):
    expertise = ExpertiseField(
        label=_("Expertise"),
        required=False,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(
            attrs={
                **MULTISELECT,
                "data-multiselect-create": "",
                "data-multiselect-add": _("Add"),
                "data-multiselect-replaces": "id_expertise_other",
                "data-multiselect-help": _(
                    "Type to search; press Enter to add expertise that is not in the list."
                ),
            }
        ),
    )
    expertise_other = forms.CharField(
        label=_("Expertise not in the list"),
        required=False,
        max_length=1000,
        help_text=_("Comma-separated, e.g. data collection, child protection."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of work"),
        required=False,
        choices=lambda: list(all_countries),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs=MULTISELECT),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        choices=LANGUAGE_CHOICES,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs=MULTISELECT),
    )

    class Meta:
        model = User
        fields = list(PERSON_FIELDS)
        labels = {"display_name": _("Display name"), "visibility": _("Visibility")}
        help_texts = {
            "bio": _("About your work. Never include personal data of trafficked persons.")
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mine = list(self.instance.expertise.all()) if self.instance.pk else []
        listed = {e.name: e.name for e in expertise_suggestions(person=self.instance)}
        listed.update({e.name: e.name for e in mine})
        self.fields["expertise"].choices = sorted(listed.items(), key=lambda c: c[0].lower())
        self.initial["expertise"] = [e.name for e in mine]
        if self.instance.pk:
            self.initial["countries"] = [c.code for c in self.instance.countries]
        # The field order people read: expertise, then the box that adds to it.
        self.order_fields(["display_name", "bio", "expertise", "expertise_other"])

    def clean(self):
        cleaned = super().clean()
        other = [n.strip() for n in cleaned.get("expertise_other", "").split(",") if n.strip()]
        names = list(dict.fromkeys([*cleaned.get("expertise", []), *other]))
        if any(len(n) > EXPERTISE_NAME_LENGTH for n in names):
            self.add_error(
                "expertise",
                _("Each topic can be at most %(n)s characters.") % {"n": EXPERTISE_NAME_LENGTH},
            )
        elif len(names) > MAX_EXPERTISE:
            self.add_error("expertise", _("Choose at most %(n)s topics.") % {"n": MAX_EXPERTISE})
        cleaned["expertise"] = names
        cleaned.pop("expertise_other", None)
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What it is for, so you can tell your tokens apart (e.g. “reporting script”)."),
    )
