from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RecordKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    ACTION_POINT = "action_point", _("Action point")


class DecisionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("decision status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Where a record may go next; done and dropped may be reopened, with a note saying why.
TRANSITIONS = {
    DecisionStatus.OPEN: {DecisionStatus.IN_PROGRESS, DecisionStatus.DONE, DecisionStatus.DROPPED},
    DecisionStatus.IN_PROGRESS: {DecisionStatus.OPEN, DecisionStatus.DONE, DecisionStatus.DROPPED},
    DecisionStatus.DONE: {DecisionStatus.OPEN},
    DecisionStatus.DROPPED: {DecisionStatus.OPEN},
}
CLOSED = {DecisionStatus.DONE, DecisionStatus.DROPPED}
