from django.conf import global_settings
from django.db import models


class PublicationType(models.TextChoices):
    REPORT = "report", "Report"
    GUIDELINES = "guidelines", "Guidelines"
    HANDBOOK = "handbook", "Handbook"
    BOOK = "book", "Book"
    WORKING_PAPER = "working_paper", "Working paper"
    EVALUATION = "evaluation", "Evaluation"
    DATASET_DESCRIPTION = "dataset_description", "Dataset description"
    QUESTIONNAIRE = "questionnaire", "Questionnaire"


class Region(models.TextChoices):
    """Regions a publication covers. The first three are the Innocenti study's sub-regions."""

    EU_WESTERN_EUROPE = "eu_western_europe", "EU and other Western Europe"
    SOUTH_EASTERN_EUROPE = "south_eastern_europe", "South-Eastern Europe"
    CIS = "cis", "Commonwealth of Independent States"
    EUROPE = "europe", "Europe (wider region)"
    BALTIC_SEA = "baltic_sea", "Baltic Sea region"
    AFRICA = "africa", "Africa"
    WEST_CENTRAL_AFRICA = "west_central_africa", "West and Central Africa"
    SOUTH_ASIA = "south_asia", "South Asia"
    GLOBAL = "global", "Global"


# Django's list has no Serbo-Croat (ISO 639-1 "sh", deprecated but still what the older
# publications say), so it is added here rather than mapped to Serbian or Croatian.
EXTRA_LANGUAGES = [("sh", "Serbo-Croat")]
LANGUAGE_CHOICES = sorted(
    [*global_settings.LANGUAGES, *EXTRA_LANGUAGES], key=lambda choice: choice[1]
)
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)

MONTH_CHOICES = [
    (1, "January"),
    (2, "February"),
    (3, "March"),
    (4, "April"),
    (5, "May"),
    (6, "June"),
    (7, "July"),
    (8, "August"),
    (9, "September"),
    (10, "October"),
    (11, "November"),
    (12, "December"),
]


class PublicationSort(models.TextChoices):
    NEWEST = "newest", "Newest first"
    OLDEST = "oldest", "Oldest first"
    TITLE = "title", "Title A to Z"
