from django.conf import global_settings
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy


class PublicationType(models.TextChoices):
    REPORT = "report", pgettext_lazy("publication type", "Report")
    GUIDELINES = "guidelines", pgettext_lazy("publication type", "Guidelines")
    HANDBOOK = "handbook", pgettext_lazy("publication type", "Handbook")
    BOOK = "book", pgettext_lazy("publication type", "Book")
    WORKING_PAPER = "working_paper", pgettext_lazy("publication type", "Working paper")
    EVALUATION = "evaluation", pgettext_lazy("publication type", "Evaluation")
    DATASET_DESCRIPTION = (
        "dataset_description",
        pgettext_lazy("publication type", "Dataset description"),
    )
    QUESTIONNAIRE = "questionnaire", pgettext_lazy("publication type", "Questionnaire")


class Region(models.TextChoices):
    """Regions a publication covers. The first three are the Innocenti study's sub-regions."""

    EU_WESTERN_EUROPE = "eu_western_europe", _("EU and other Western Europe")
    SOUTH_EASTERN_EUROPE = "south_eastern_europe", _("South-Eastern Europe")
    CIS = "cis", _("Commonwealth of Independent States")
    EUROPE = "europe", _("Europe (wider region)")
    BALTIC_SEA = "baltic_sea", _("Baltic Sea region")
    AFRICA = "africa", _("Africa")
    WEST_CENTRAL_AFRICA = "west_central_africa", _("West and Central Africa")
    SOUTH_ASIA = "south_asia", _("South Asia")
    GLOBAL = "global", _("Global")


# Django's list has no Serbo-Croat (ISO 639-1 "sh", deprecated but still what the older
# publications say), so it is added here rather than mapped to Serbian or Croatian.
EXTRA_LANGUAGES = [("sh", gettext_noop("Serbo-Croat"))]
# Sorted by the English name; each name is shown in the reader's language (Django's own
# catalogue names the languages of global_settings).
LANGUAGE_CHOICES = [
    (code, _(name))
    for code, name in sorted(
        [*global_settings.LANGUAGES, *EXTRA_LANGUAGES], key=lambda choice: choice[1]
    )
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)

MONTH_CHOICES = list(MONTHS.items())


class PublicationSort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    OLDEST = "oldest", _("Oldest first")
    TITLE = "title", _("Title A to Z")
