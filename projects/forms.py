from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from members.models import Organization
from network.agenda.models import ResearchPriority
from network.gaps.models import DataGap
from network.platform.forms import ContentLanguageField, FastSelects, SuggestedChoiceField
from network.platform.languages import country_options

from .enums import GapFill, OutputKind, ProjectRole, ProjectStatus, ProjectTheme
from .models import OpenRole, ResearchProject
from .services import EDITABLE_FIELDS

NO_PERSONAL_DATA = _("Describe the research only: never personal data of trafficked persons.")
CHOOSE_SEVERAL = _("Hold Ctrl (⌘ on a Mac) to choose several.")


def _with_no_personal_data(text):
    return format_lazy("{} {}", text, NO_PERSONAL_DATA)


def _optional_text(label, *, max_length=1000, rows=2, **kwargs):
    """An optional answer of a few lines."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def _addressed(model, relation, column):
    """The `model` rows (titles only) that some project other than a draft addresses through
    `relation`, whose link table names them in `column`."""
    links = relation.through.objects.exclude(researchproject__status=ProjectStatus.DRAFT)
    return model.objects.filter(pk__in=links.values(column)).only("pk", "title").order_by("title")


class ProjectFilterForm(FastSelects, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ProjectStatus.choices]
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("Any theme")), *ProjectTheme.choices]
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=lambda: [("", _("Any country")), *country_options()],
    )
    # Typed, not picked: each of these runs to hundreds or thousands of rows.
    organization = SuggestedChoiceField(
        required=False,
        queryset=Organization.objects.members().order_by("name"),
        empty_label=_("Any organization"),
        label=_("Organization"),
        to_field_name="slug",
        suggest="project-organizations",
        label_field="name",
        also=["acronym"],
    )
    # Only the priorities and gaps some listed project addresses: a choice that can only
    # find nothing is no choice.
    priority = SuggestedChoiceField(
        required=False,
        queryset=_addressed(ResearchPriority, ResearchProject.priorities, "researchpriority"),
        empty_label=_("Any agenda priority"),
        label=_("Agenda priority"),
        suggest="project-priorities",
        label_field="title",
    )
    gap = SuggestedChoiceField(
        required=False,
        queryset=_addressed(DataGap, ResearchProject.gaps, "datagap"),
        empty_label=_("Any data gap"),
        label=_("Data gap"),
        suggest="project-gaps",
        label_field="title",
    )
    open_roles = forms.BooleanField(required=False, label=_("Has open roles"))


class TitleAndStatusChoiceField(forms.ModelMultipleChoiceField):
    """Priorities or gaps to choose, each shown with its status."""

    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.get_status_display().lower()})"


class ProjectForm(forms.ModelForm):
    """The proposal and the leads' edit share one set of fields."""

    language = ContentLanguageField()
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=ProjectTheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priorities = TitleAndStatusChoiceField(
        label=_("Agenda priorities it addresses"),
        queryset=ResearchPriority.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Priorities of the shared research agenda the project answers."),
    )
    gaps = TitleAndStatusChoiceField(
        label=_("Data gaps it addresses"),
        queryset=DataGap.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Gaps on the register the project will work on. When the project becomes "
            "active, its open or stale gaps are marked “being addressed”."
        ),
    )

    class Meta:
        model = ResearchProject
        fields = [*EDITABLE_FIELDS, "priorities", "gaps"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "research_questions": forms.Textarea(attrs={"rows": 4}),
            "methodology": forms.Textarea(attrs={"rows": 4}),
            "lead_committed": forms.Textarea(attrs={"rows": 2}),
            "contact_details": forms.Textarea(attrs={"rows": 2}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
            "planned_start": forms.DateInput(attrs={"type": "date"}),
            "planned_end": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {
            "title": _("Title"),
            "summary": _("Summary"),
            "research_questions": _("Research questions"),
            "methodology": _("Methodology"),
            "countries": _("Countries"),
            "lead_organization": _("Lead organization"),
            "planned_start": _("Planned start"),
            "planned_end": _("Planned end"),
            "contact_details": _("Contact details"),
            "internal_notes": _("Internal notes"),
        }
        help_texts = {
            "summary": NO_PERSONAL_DATA,
            "research_questions": NO_PERSONAL_DATA,
            "methodology": _with_no_personal_data(_("How the data will be gathered and analysed.")),
            "countries": CHOOSE_SEVERAL,
            "lead_organization": _("A member organization you belong to."),
            "ethics_review_body": _(
                "The body that reviews the research ethics. All four ethics "
                "items are needed before the project can become active."
            ),
            "contact_details": _with_no_personal_data(_("Seen only by the project team.")),
            "internal_notes": _with_no_personal_data(_("Seen only by the project team.")),
        }

    def __init__(self, *args, lead_organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lead_organizations is not None:
            queryset = lead_organizations
            if self.instance.pk:
                # Keep the current lead selectable even for a lead from another organization.
                queryset = (
                    queryset | Organization.objects.filter(pk=self.instance.lead_organization_id)
                ).distinct()
            self.fields["lead_organization"].queryset = queryset

    def clean(self):
        data = super().clean()
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The planned end cannot be before the planned start."))
        return data

    def _post_clean(self):
        # The service validates the model; the form stays a parser.
        pass


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=ProjectStatus.choices)
    reason = _optional_text(_("Why"), rows=3)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s.value, s.label) for s in allowed]


class JoinRequestForm(forms.Form):
    role = forms.ModelChoiceField(
        label=_("Role applied for"),
        queryset=OpenRole.objects.none(),
        required=False,
        empty_label=_("No particular role"),
    )
    message = _optional_text(
        _("Message to the project's leads"),
        max_length=2000,
        rows=3,
        help_text=_with_no_personal_data(_("What you would bring.")),
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["role"].queryset = project.open_roles.filter(is_filled=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    note = _optional_text(_("Note to the applicant"))


class TeamMemberForm(forms.Form):
    committed = _optional_text(_("What I commit"))
    role = forms.ChoiceField(label=_("Role"), choices=ProjectRole.choices, required=False)


class PartnerInviteForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.members().order_by("name"),
        empty_label=_("Choose a member organization"),
        label=_("Organization"),
    )
    committed = _optional_text(_("What the partner would contribute"))


class PartnerDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    committed = _optional_text(_("What your organization commits"))


class OpenRoleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: a researcher with Romanian, 6 months."),
    )
    skills = _optional_text(_("Skills"))
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        choices=lambda: list(all_countries),
        help_text=CHOOSE_SEVERAL,
    )
    duration = forms.CharField(label=_("Duration"), required=False, max_length=100)


class FirstRoleForm(OpenRoleForm):
    """The optional role a proposal may announce straight away."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].label = _("Looking for")

    def role(self):
        """The role as service arguments, or None when left empty."""
        data = self.cleaned_data
        return dict(data) if data.get("title", "").strip() else None


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutputKind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    version = forms.CharField(label=_("Version"), required=False, max_length=30)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https", max_length=200)
    description = _optional_text(
        _("Description"),
        max_length=3000,
        rows=3,
        help_text=_with_no_personal_data(
            _(
                "For a dataset, describe it by its metadata (coverage, variables, "
                "custodian, access)."
            )
        ),
    )
    closes_gaps = TitleAndStatusChoiceField(
        label=_("Data gaps this output closes"),
        queryset=DataGap.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the gaps this project addresses can be chosen."),
        error_messages={
            "invalid_choice": _(
                "An output can only close gaps its project addresses: "
                "“%(value)s” is not one of them."
            ),
        },
    )
    fills = forms.ChoiceField(
        label=_("How far it closes them"),
        choices=GapFill.choices,
        initial=GapFill.PARTLY,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["closes_gaps"].queryset = project.gaps.order_by("title")

    def clean(self):
        data = super().clean()
        if not data.get("fills"):
            if data.get("closes_gaps"):
                self.add_error(
                    "fills", _("Say whether the output closes the gaps partly or fully.")
                )
            data["fills"] = GapFill.PARTLY
        return data
