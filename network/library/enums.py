from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.platform import languages as content_languages


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


# The languages publications come in: the network's shared list of content languages.
LANGUAGE_CHOICES = content_languages.LANGUAGE_CHOICES
LANGUAGE_NAMES = content_languages.LANGUAGE_NAMES

MONTH_CHOICES = list(MONTHS.items())


class PublicationSort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    OLDEST = "oldest", _("Oldest first")
    TITLE = "title", _("Title A to Z")
