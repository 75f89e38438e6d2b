from django import forms
from django_countries import countries as all_countries

from members.models import Organization
from network.agenda.models import ResearchPriority
from network.gaps.models import DataGap
from network.platform.forms import FastSelects

from .enums import GapFill, OutputKind, ProjectRole, ProjectStatus, ProjectTheme
from .models import OpenRole, ResearchProject
from .services import EDITABLE_FIELDS

NO_PERSONAL_DATA = "Describe the research only: never personal data of trafficked persons."
CHOOSE_SEVERAL = "Hold Ctrl (⌘ on a Mac) to choose several."


class ProjectFilterForm(FastSelects, forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *ProjectStatus.choices])
    theme = forms.ChoiceField(required=False, choices=[("", "Any theme"), *ProjectTheme.choices])
    country = forms.ChoiceField(required=False, choices=[("", "Any country"), *all_countries])
    organization = forms.ModelChoiceField(
        required=False,
        queryset=Organization.objects.members().order_by("name"),
        empty_label="Any organization",
        to_field_name="slug",
    )
    open_roles = forms.BooleanField(required=False, label="Has open roles")
    # Only the priorities and gaps some listed project addresses: a choice that can only
    # find nothing is no choice (2,000 gaps made the list page 240 kB on the large network).
    priority = forms.ModelChoiceField(
        required=False,
        queryset=ResearchPriority.objects.filter(
            pk__in=ResearchProject.priorities.through.objects.exclude(
                researchproject__status=ProjectStatus.DRAFT
            ).values("researchpriority")
        )
        .only("pk", "title")
        .order_by("title"),
        empty_label="Any agenda priority",
        label="Agenda priority",
    )
    gap = forms.ModelChoiceField(
        required=False,
        queryset=DataGap.objects.filter(
            pk__in=ResearchProject.gaps.through.objects.exclude(
                researchproject__status=ProjectStatus.DRAFT
            ).values("datagap")
        )
        .only("pk", "title")
        .order_by("title"),
        empty_label="Any data gap",
        label="Data gap",
    )


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.get_status_display().lower()})"


class GapChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.get_status_display().lower()})"


class ProjectForm(forms.ModelForm):
    """The proposal and the leads' edit share one set of fields."""

    themes = forms.MultipleChoiceField(
        choices=ProjectTheme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    priorities = PriorityChoiceField(
        label="Agenda priorities it addresses",
        queryset=ResearchPriority.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Priorities of the shared research agenda the project answers.",
    )
    gaps = GapChoiceField(
        label="Data gaps it addresses",
        queryset=DataGap.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Gaps on the register the project will work on. When the project becomes "
        "active, its open or stale gaps are marked “being addressed”.",
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
        help_texts = {
            "summary": NO_PERSONAL_DATA,
            "research_questions": NO_PERSONAL_DATA,
            "methodology": "How the data will be gathered and analysed. " + NO_PERSONAL_DATA,
            "countries": CHOOSE_SEVERAL,
            "lead_organization": "A member organization you belong to.",
            "ethics_review_body": "The body that reviews the research ethics. All four ethics "
            "items are needed before the project can become active.",
            "contact_details": "Seen only by the project team. " + NO_PERSONAL_DATA,
            "internal_notes": "Seen only by the project team. " + NO_PERSONAL_DATA,
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
            self.add_error("planned_end", "The planned end cannot be before the planned start.")
        return data

    def _post_clean(self):
        # The service validates the model; the form stays a parser.
        pass


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label="New status", choices=ProjectStatus.choices)
    reason = forms.CharField(
        label="Why", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s.value, s.label) for s in allowed]


class JoinRequestForm(forms.Form):
    role = forms.ModelChoiceField(
        label="Role applied for",
        queryset=OpenRole.objects.none(),
        required=False,
        empty_label="No particular role",
    )
    message = forms.CharField(
        label="Message to the project's leads",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you would bring. " + NO_PERSONAL_DATA,
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        if project is not None:
            self.fields["role"].queryset = project.open_roles.filter(is_filled=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
    note = forms.CharField(
        label="Note to the applicant",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TeamMemberForm(forms.Form):
    committed = forms.CharField(
        label="What I commit",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    role = forms.ChoiceField(choices=ProjectRole.choices, required=False)


class PartnerInviteForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.members().order_by("name"),
        empty_label="Choose a member organization",
    )
    committed = forms.CharField(
        label="What the partner would contribute",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PartnerDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
    committed = forms.CharField(
        label="What your organization commits",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OpenRoleForm(forms.Form):
    title = forms.CharField(
        max_length=200, help_text="For example: a researcher with Romanian, 6 months."
    )
    skills = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    countries = forms.MultipleChoiceField(
        required=False, choices=list(all_countries), help_text=CHOOSE_SEVERAL
    )
    duration = forms.CharField(required=False, max_length=100)


class FirstRoleForm(OpenRoleForm):
    """The optional role a proposal may announce straight away."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].label = "Looking for"

    def role(self):
        """The role as service arguments, or None when left empty."""
        data = self.cleaned_data
        return dict(data) if data.get("title", "").strip() else None


class OutputForm(forms.Form):
    kind = forms.ChoiceField(choices=OutputKind.choices)
    title = forms.CharField(max_length=250)
    version = forms.CharField(required=False, max_length=30)
    link = forms.URLField(required=False, assume_scheme="https", max_length=200)
    description = forms.CharField(
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a dataset, describe it by its metadata (coverage, variables, "
        "custodian, access). " + NO_PERSONAL_DATA,
    )
    closes_gaps = GapChoiceField(
        label="Data gaps this output closes",
        queryset=DataGap.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only the gaps this project addresses can be chosen.",
        error_messages={
            "invalid_choice": "An output can only close gaps its project addresses: "
            "“%(value)s” is not one of them.",
        },
    )
    fills = forms.ChoiceField(
        label="How far it closes them",
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
                self.add_error("fills", "Say whether the output closes the gaps partly or fully.")
            data["fills"] = GapFill.PARTLY
        return data
