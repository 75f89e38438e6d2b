"""Every write to data gaps, their evidence and history, and indicators."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from members.models import Organization, User
from network.platform.languages import content_language
from network.platform.services import (
    check_fields,
    service_save,
    service_update,
    translation_check,
    translation_update,
)

from .enums import GAP_TRANSITIONS, GapStatus
from .models import (
    Country,
    DataGap,
    GapEvidence,
    GapStatusChange,
    GapTranslation,
    Indicator,
    SubRegion,
)


def _check_places(countries, sub_regions):
    for item, model in [(c, Country) for c in countries] + [(s, SubRegion) for s in sub_regions]:
        if not isinstance(item, model) or item.pk is None:
            raise ValidationError(
                gettext("Unknown country or sub-region: %(item)s.") % {"item": item}
            )


def _check_horizon(horizon):
    if horizon is not None and horizon < timezone.localdate():
        raise ValidationError({"horizon": gettext("The horizon must be today or later.")})


def _record(gap, *, to_status, by, reason):
    change = GapStatusChange(
        gap=gap, from_status=gap.status, to_status=to_status, by=by, reason=reason
    )
    gap.status = to_status
    gap.updated_at = timezone.now()
    service_save(gap)
    service_save(change)
    return gap


@transaction.atomic
def gap_report(
    *,
    by: User,
    organization: Organization,
    title: str,
    description: str,
    area: str,
    empty_reason: str,
    severity: str = "medium",
    countries: list[Country] | None = None,
    sub_regions: list[SubRegion] | None = None,
    forms: list[str] | None = None,
    missing_disaggregations: list[str] | None = None,
    horizon: date | None = None,
    evidence: list[dict] | None = None,
    language: str = "",
) -> DataGap:
    """Report a gap for an organization the reporter belongs to. `language` is the language
    the text is written in; left empty, the writer's active language.

    Side effects: records the first history entry (— → open); creates the evidence links.
    """
    if not by.has_perm("gaps.report_gap_for", organization):
        raise PermissionDenied(gettext("You can report gaps only for your own organization."))
    if not organization.is_member:
        raise ValidationError(gettext("Only member organizations report gaps."))
    countries, sub_regions = list(countries or []), list(sub_regions or [])
    _check_places(countries, sub_regions)
    _check_horizon(horizon)
    gap = DataGap(
        title=title.strip(),
        description=description,
        language=content_language(language),
        area=area,
        empty_reason=empty_reason,
        severity=severity,
        forms=list(forms or []),
        missing_disaggregations=list(missing_disaggregations or []),
        reported_by=organization,
        reported_by_user=by,
        horizon=horizon,
    )
    service_save(gap)
    gap.countries.set(countries)
    gap.sub_regions.set(sub_regions)
    for item in evidence or []:
        service_save(GapEvidence(gap=gap, **item))
    service_save(
        GapStatusChange(gap=gap, from_status="", to_status=GapStatus.OPEN, by=by, reason="Reported")
    )
    return gap


GAP_EDITABLE = {
    "title",
    "description",
    "language",
    "area",
    "empty_reason",
    "severity",
    "forms",
    "missing_disaggregations",
    "horizon",
}


@transaction.atomic
def gap_update(
    *,
    gap: DataGap,
    by: User,
    countries: list[Country] | None = None,
    sub_regions: list[SubRegion] | None = None,
    **fields,
) -> DataGap:
    """Edit a gap's description fields and places (status moves go through gap_transition)."""
    if not by.has_perm("gaps.change_gap", gap):
        raise PermissionDenied(
            gettext("Only the reporting organization's members and staff edit a gap.")
        )
    check_fields(fields, allowed=GAP_EDITABLE)
    gap = DataGap.objects.select_for_update().get(pk=gap.pk)
    if "horizon" in fields and fields["horizon"] != gap.horizon:
        _check_horizon(fields["horizon"])
    service_update(gap, fields, stamp=True, keep_language=True)
    if countries is not None:
        _check_places(list(countries), [])
        gap.countries.set(countries)
    if sub_regions is not None:
        _check_places([], list(sub_regions))
        gap.sub_regions.set(sub_regions)
    return gap


@transaction.atomic
def gap_transition(*, gap: DataGap, to_status: str, by: User | None, reason: str = "") -> DataGap:
    """Move a gap's status along an allowed transition. Side effects: a history entry."""
    if by is not None and not by.has_perm("gaps.change_gap", gap):
        raise PermissionDenied(
            gettext("Only the reporting organization's members and staff move a gap.")
        )
    gap = DataGap.objects.select_for_update().get(pk=gap.pk)
    if to_status not in GAP_TRANSITIONS.get(gap.status, set()):
        raise ValidationError(
            gettext("A gap cannot move from “%(from)s” to “%(to)s”.")
            % {
                "from": gap.get_status_display(),
                "to": GapStatus(to_status).label if to_status in GapStatus.values else to_status,
            }
        )
    return _record(gap, to_status=to_status, by=by, reason=reason)


@transaction.atomic
def gap_evidence_add(
    *,
    gap: DataGap,
    by: User,
    title: str,
    url: str = "",
    description: str = "",
    people_count: int | None = None,
) -> GapEvidence:
    """Cite a source for a gap."""
    if not by.has_perm("gaps.change_gap", gap):
        raise PermissionDenied(
            gettext("Only the reporting organization's members and staff add evidence.")
        )
    return service_save(
        GapEvidence(
            gap=gap, title=title, url=url, description=description, people_count=people_count
        )
    )


@transaction.atomic
def gap_translation_add(
    *, gap: DataGap, by: User, language: str, description: str
) -> GapTranslation:
    """A network member translates a gap's description into another language: one
    translation per language, marked as a member's with who made it; the original stays
    authoritative and unchanged. Nothing is machine-translated.

    Side effects: none beyond the translation.
    """
    if not by.has_perm("gaps.translate_gap", gap):
        raise PermissionDenied(gettext("Only members of the network translate data gaps."))
    # The lock serializes two members translating the gap into one language at once.
    gap = DataGap.objects.select_for_update().get(pk=gap.pk)
    translation_check(
        gap,
        language,
        translations=gap.translations,
        written_in=gettext(
            "This gap is written in %(language)s: its original is already in that "
            "language. Choose another language."
        ),
        taken=gettext(
            "This gap already has a translation into %(language)s; its translator can edit it."
        ),
    )
    return service_save(
        GapTranslation(gap=gap, language=language, description=description.strip(), translator=by)
    )


@transaction.atomic
def gap_translation_edit(
    *, translation: GapTranslation, by: User, description: str
) -> GapTranslation:
    """The translator (or staff) corrects their translation of a gap's description. Its
    language stays: a translation into another language is another translation.

    Side effects: none beyond the translation.
    """
    if not by.has_perm("gaps.change_gap_translation", translation):
        raise PermissionDenied(gettext("Only its translator and staff edit a translation."))
    return translation_update(translation, description=description)


@transaction.atomic
def gap_claim(*, gap: DataGap, project, by: User | None) -> DataGap:
    """An active project takes a gap on: an open or stale gap becomes “being addressed”.

    For the projects app; the caller has already decided the project may claim it. A gap
    already being addressed or partly filled keeps its status and gains a history note.
    Side effects: a history entry naming the project.
    """
    gap = DataGap.objects.select_for_update().get(pk=gap.pk)
    reason = f"Claimed by project “{project}”."
    if gap.status == GapStatus.FILLED:
        raise ValidationError(gettext("This gap is already filled."))
    if gap.status in (GapStatus.OPEN, GapStatus.STALE):
        return _record(gap, to_status=GapStatus.BEING_ADDRESSED, by=by, reason=reason)
    service_save(
        GapStatusChange(gap=gap, from_status=gap.status, to_status=gap.status, by=by, reason=reason)
    )
    return gap


@transaction.atomic
def gap_fill(
    *, gap: DataGap, partly: bool, evidence_title: str, by: User | None, url: str = ""
) -> DataGap:
    """An output closes a gap, partly or fully, and becomes its evidence.

    Side effects: an evidence row; a history entry.
    """
    if not evidence_title.strip():
        raise ValidationError({"evidence_title": gettext("Name the output that fills the gap.")})
    gap = DataGap.objects.select_for_update().get(pk=gap.pk)
    to_status = GapStatus.PARTLY_FILLED if partly else GapStatus.FILLED
    if gap.status == GapStatus.FILLED or (partly and gap.status == GapStatus.PARTLY_FILLED):
        raise ValidationError(
            gettext("This gap is already %(status)s.")
            % {"status": gap.get_status_display().lower()}
        )
    service_save(GapEvidence(gap=gap, title=evidence_title.strip(), url=url))
    if gap.status == GapStatus.STALE:
        _record(gap, to_status=GapStatus.BEING_ADDRESSED, by=by, reason="New evidence")
    return _record(gap, to_status=to_status, by=by, reason=f"Evidence: {evidence_title.strip()}")


@transaction.atomic
def gap_mark_stale(*, today: date | None = None) -> int:
    """Mark stale every gap whose evidence horizon has passed. Returns how many moved.

    Side effects: a history entry per gap (by nobody: the system).
    """
    today = today or timezone.localdate()
    gaps = DataGap.objects.select_for_update().filter(
        horizon__lt=today,
        status__in=[GapStatus.OPEN, GapStatus.BEING_ADDRESSED, GapStatus.PARTLY_FILLED],
    )
    moved = 0
    for gap in gaps:
        _record(
            gap,
            to_status=GapStatus.STALE,
            by=None,
            reason=f"Evidence older than its horizon ({gap.horizon:%d %B %Y}).",
        )
        moved += 1
    return moved


INDICATOR_FIELDS = {
    "name",
    "definition",
    "unit",
    "disaggregations",
    "data_sources",
    "source_document",
    "source_quote",
}


@transaction.atomic
def indicator_create(*, by: User, gaps: list[DataGap] | None = None, **fields) -> Indicator:
    """Add an indicator (staff)."""
    if not by.has_perm("gaps.manage_indicators"):
        raise PermissionDenied(gettext("Only the secretariat curates indicators."))
    if set(fields) - INDICATOR_FIELDS:
        raise ValidationError(gettext("Unknown indicator fields."))
    indicator = service_save(Indicator(**fields))
    indicator.gaps.set(gaps or [])
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, by: User, gaps: list[DataGap] | None = None, **fields
) -> Indicator:
    """Edit an indicator (staff)."""
    if not by.has_perm("gaps.manage_indicators"):
        raise PermissionDenied(gettext("Only the secretariat curates indicators."))
    if set(fields) - INDICATOR_FIELDS:
        raise ValidationError(gettext("Unknown indicator fields."))
    service_update(indicator, fields)
    if gaps is not None:
        indicator.gaps.set(gaps)
    return indicator
