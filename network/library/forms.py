from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from network.gaps.models import DataGap
from network.platform.forms import FastSelects, SuggestedChoiceField
from network.platform.languages import country_options, language_options

from .enums import LANGUAGE_CHOICES, PublicationSort, PublicationType, Region
from .models import MAX_YEAR, MIN_YEAR, Publication
from .selectors import publisher_choices
from .services import EDITABLE_FIELDS
from .validators import document_check


class PublicationForm(forms.ModelForm):
    # The service's editable fields, with the publishers beside the type.
    field_order = ["title", "type", "publishers"]
    publishers = forms.ModelMultipleChoiceField(
        queryset=publisher_choices(),
        required=False,
        label=_("Publishers"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every organization that published it, as equals. Include your own."),
    )
    regions = forms.MultipleChoiceField(
        choices=Region.choices,
        required=False,
        label=_("Regions"),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        label=_("Languages"),
        help_text=_("Languages the publication is available in."),
    )
    link = forms.URLField(
        label=_("External link"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("Where it can be read online, if not uploaded here."),
    )
    document = forms.FileField(
        label=_("Document (PDF, DOCX or ODT, 20 MB at most)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )

    class Meta:
        model = Publication
        fields = [*EDITABLE_FIELDS, "publishers", "gaps", "priorities"]
        widgets = {
            "gaps": forms.CheckboxSelectMultiple,
            "priorities": forms.CheckboxSelectMultiple,
        }
        labels = {
            "title": _("Title"),
            "type": _("Type"),
            "year": _("Year"),
            "month": _("Month"),
            "countries": _("Countries"),
            "summary": _("Summary"),
        }
        help_texts = {
            "summary": _(
                "What it covers and finds. Never include personal data of trafficked persons."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publishers"].queryset = publisher_choices()
        self.fields["languages"].widget.attrs["size"] = 8
        if self.instance.pk and self.instance.document_id:
            self.fields["remove_document"] = forms.BooleanField(
                required=False, label=_("Remove the current document")
            )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            from django.core.exceptions import ValidationError

            from .services import document_validate

            try:
                document_validate(upload)
            except ValidationError as error:
                raise forms.ValidationError(error.message_dict["document"]) from error
        return upload

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["upload"] = data.pop("document", None) or None
        data["countries"] = [str(code) for code in data.get("countries") or []]
        return data


class PublicationFilterForm(FastSelects, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any type")), *PublicationType.choices], required=False
    )
    # Typed, not picked: publishers and gaps run to hundreds or thousands.
    organization = SuggestedChoiceField(
        queryset=publisher_choices(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any organization"),
        label=_("Organization"),
        suggest="publishers",
        label_field="name",
        also=["acronym"],
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("Any region")), *Region.choices], required=False
    )
    # Called at each rendering, so that the countries are named in the reader's language.
    country = forms.ChoiceField(
        label=_("Country"),
        choices=lambda: [("", _("Any country")), *country_options()],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=lambda: [("", _("Any language")), *language_options()],
        required=False,
    )
    gap = SuggestedChoiceField(
        label=_("Informs the data gap"),
        # Only gaps some publication informs: a choice that can only find nothing is no choice.
        queryset=DataGap.objects.filter(pk__in=Publication.gaps.through.objects.values("datagap"))
        .only("pk", "title")
        .order_by("title"),
        required=False,
        empty_label=_("Any gap"),
        suggest="publication-gaps",
        label_field="title",
    )
    sort = forms.ChoiceField(label=_("Sort"), choices=PublicationSort.choices, required=False)


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (admin upload, multiple upload, chooser upload) checking each
    new file by its content: the kinds in WAGTAILDOCS_EXTENSIONS, 20 MB at most, never HTML
    or SVG. Set as WAGTAILDOCS_DOCUMENT_FORM_BASE."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            document_check(upload)
        return upload
