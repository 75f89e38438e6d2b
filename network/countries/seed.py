"""The first questionnaire version, built from the profile's fields and named after what the
2004 workshop set out to produce: "A model questionnaire for the Europe component"
(000_61f360c1c0374434.txt). No country answers are seeded: the sources give the study's
network-wide findings (shown on /countries/ as the baseline), not per-country profiles."""

from .models import Question, Questionnaire
from .profile import QUESTIONNAIRE_V1, QUESTIONNAIRE_V1_TITLE, QUESTIONNAIRE_V1_VERSION

COLUMNS = ("section", "key", "kind", "label", "help_text", "choices", "unit", "counts_people")


def load():
    if Questionnaire.objects.filter(version=QUESTIONNAIRE_V1_VERSION).exists():
        return 0
    questionnaire = Questionnaire.objects.create(
        version=QUESTIONNAIRE_V1_VERSION,
        title=QUESTIONNAIRE_V1_TITLE,
        description="Built from the fields of the country profile.",
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            order=order,
            **dict(zip(COLUMNS, row, strict=True)),
        )
        for order, row in enumerate(QUESTIONNAIRE_V1, start=1)
    )
    return 1 + len(QUESTIONNAIRE_V1)
