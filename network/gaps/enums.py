from django.db import models


class Area(models.TextChoices):
    FLOWS = "flows", "Patterns: flows"
    ROOT_CAUSES = "root_causes", "Patterns: root causes"
    FORMS = "forms", "Patterns: forms of exploitation"
    IMPACT = "impact", "Responses: impact and evaluation"
    DEFINITIONS = "definitions", "Data quality: definitions"
    COMPARABILITY = "comparability", "Data quality: comparability"
    DISAGGREGATION = "disaggregation", "Data quality: disaggregation"


class ExploitationForm(models.TextChoices):
    SEXUAL = "sexual", "Sexual exploitation"
    LABOUR = "labour", "Labour"
    DOMESTIC = "domestic", "Domestic servitude"
    BEGGING = "begging", "Begging"
    CRIMINAL = "criminal", "Criminal activities"
    ADOPTION = "adoption", "Illegal adoption"
    ORGANS = "organs", "Organ removal"
    OTHER = "other", "Other"


class Disaggregation(models.TextChoices):
    AGE = "age", "Age"
    SEX = "sex", "Sex"
    NATIONALITY = "nationality", "Nationality"
    FORM = "form", "Form of exploitation"


class EmptyReason(models.TextChoices):
    NOT_COLLECTED = "not_collected", "No data collected"
    NOT_SHARED = "not_shared", "Collected but not shared"
    NOT_COMPARABLE = "not_comparable", "Not comparable"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class GapStatus(models.TextChoices):
    OPEN = "open", "Open"
    BEING_ADDRESSED = "being_addressed", "Being addressed"
    PARTLY_FILLED = "partly_filled", "Partly filled"
    FILLED = "filled", "Filled"
    STALE = "stale", "Stale"


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
