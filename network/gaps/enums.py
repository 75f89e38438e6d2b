from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Area(models.TextChoices):
    FLOWS = "flows", _("Patterns: flows")
    ROOT_CAUSES = "root_causes", _("Patterns: root causes")
    FORMS = "forms", _("Patterns: forms of exploitation")
    IMPACT = "impact", _("Responses: impact and evaluation")
    DEFINITIONS = "definitions", _("Data quality: definitions")
    COMPARABILITY = "comparability", _("Data quality: comparability")
    DISAGGREGATION = "disaggregation", _("Data quality: disaggregation")


class ExploitationForm(models.TextChoices):
    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour")
    DOMESTIC = "domestic", _("Domestic servitude")
    BEGGING = "begging", _("Begging")
    CRIMINAL = "criminal", _("Criminal activities")
    ADOPTION = "adoption", _("Illegal adoption")
    ORGANS = "organs", _("Organ removal")
    OTHER = "other", _("Other")


class Disaggregation(models.TextChoices):
    AGE = "age", _("Age")
    SEX = "sex", _("Sex")
    NATIONALITY = "nationality", _("Nationality")
    FORM = "form", _("Form of exploitation")


class EmptyReason(models.TextChoices):
    NOT_COLLECTED = "not_collected", _("No data collected")
    NOT_SHARED = "not_shared", _("Collected but not shared")
    NOT_COMPARABLE = "not_comparable", _("Not comparable")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Severity(models.TextChoices):
    LOW = "low", pgettext_lazy("gap severity", "Low")
    MEDIUM = "medium", pgettext_lazy("gap severity", "Medium")
    HIGH = "high", pgettext_lazy("gap severity", "High")
    CRITICAL = "critical", pgettext_lazy("gap severity", "Critical")


class GapStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("gap status", "Open")
    BEING_ADDRESSED = "being_addressed", pgettext_lazy("gap status", "Being addressed")
    PARTLY_FILLED = "partly_filled", pgettext_lazy("gap status", "Partly filled")
    FILLED = "filled", pgettext_lazy("gap status", "Filled")
    STALE = "stale", pgettext_lazy("gap status", "Stale")


# Moves a person may make by hand; claims and fills by projects use the same table.
GAP_TRANSITIONS = {
    GapStatus.OPEN: {
        GapStatus.BEING_ADDRESSED,
        GapStatus.PARTLY_FILLED,
        GapStatus.FILLED,
        GapStatus.STALE,
    },
    GapStatus.BEING_ADDRESSED: {
        GapStatus.OPEN,
        GapStatus.PARTLY_FILLED,
        GapStatus.FILLED,
        GapStatus.STALE,
    },
    GapStatus.PARTLY_FILLED: {GapStatus.BEING_ADDRESSED, GapStatus.FILLED, GapStatus.STALE},
    GapStatus.FILLED: {GapStatus.OPEN, GapStatus.STALE},
    GapStatus.STALE: {GapStatus.OPEN, GapStatus.BEING_ADDRESSED},
}

# Statuses that count as progress on a priority's gaps.
PROGRESS_STATUSES = {GapStatus.BEING_ADDRESSED, GapStatus.PARTLY_FILLED, GapStatus.FILLED}
