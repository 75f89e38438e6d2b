from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from network.gaps import services
from network.gaps.enums import GapStatus
from network.gaps.models import DataGap, GapEvidence, GapStatusChange, Indicator
from tests.factories.gaps import CountryFactory, DataGapFactory

pytestmark = pytest.mark.django_db


def _report(by, organization, **overrides):
    data = {
        "title": "No data on internal trafficking",
        "description": "Nobody counts it.",
        "area": "flows",
        "empty_reason": "not_collected",
        "countries": [CountryFactory(code="MD")],
        "forms": ["labour", "begging"],
        "missing_disaggregations": ["age"],
    }
    data.update(overrides)
    return services.gap_report(by=by, organization=organization, **data)


def test_gap_report_creates_gap_and_history(member_a, org_a):
    gap = _report(member_a, org_a, evidence=[{"title": "Study", "url": "https://example.org"}])
    gap = DataGap.objects.get(pk=gap.pk)
    assert gap.forms == ["labour", "begging"]
    assert gap.missing_disaggregations == ["age"]
    assert [c.code.code for c in gap.countries.all()] == ["MD"]
    assert (gap.reported_by, gap.reported_by_user, gap.status) == (org_a, member_a, "open")
    assert list(gap.evidence.values_list("title", flat=True)) == ["Study"]
    assert list(gap.history.values_list("from_status", "to_status")) == [("", "open")]


def test_gap_report_without_area_refused(member_a, org_a):
    with pytest.raises(ValidationError) as error:
        _report(member_a, org_a, area="")
    assert "area" in error.value.message_dict
    assert not DataGap.objects.exists()


def test_gap_report_unknown_form_refused(member_a, org_a):
    with pytest.raises(ValidationError):
        _report(member_a, org_a, forms=["piracy"])
    assert not DataGap.objects.exists()


def test_gap_report_unknown_country_refused(member_a, org_a):
    with pytest.raises(ValidationError, match="Unknown country"):
        _report(member_a, org_a, countries=["ZZ"])
    assert not DataGap.objects.exists()


def test_gap_report_horizon_in_past_refused(member_a, org_a):
    with pytest.raises(ValidationError) as error:
        _report(member_a, org_a, horizon=timezone.localdate() - timedelta(days=1))
    assert error.value.message_dict == {"horizon": ["The horizon must be today or later."]}
    assert not DataGap.objects.exists()


def test_gap_report_for_other_org_refused(member_a, org_b):
    with pytest.raises(PermissionDenied):
        _report(member_a, org_b)
    assert not DataGap.objects.exists()


def test_gap_update_by_reporting_org_member(member_a, org_a):
    gap = _report(member_a, org_a)
    services.gap_update(gap=gap, by=member_a, severity="high", countries=[])
    gap.refresh_from_db()
    assert gap.severity == "high"
    assert not gap.countries.exists()


def test_gap_update_by_other_org_refused(member_a, org_a, focal_b):
    gap = _report(member_a, org_a)
    with pytest.raises(PermissionDenied):
        services.gap_update(gap=gap, by=focal_b, severity="high")
    gap.refresh_from_db()
    assert gap.severity == "medium"


def test_gap_transition_records_history(member_a, org_a):
    gap = _report(member_a, org_a)
    services.gap_transition(gap=gap, to_status="filled", by=member_a, reason="Study published.")
    gap.refresh_from_db()
    assert gap.status == "filled"
    assert gap.history.last().reason == "Study published."


def test_gap_transition_not_allowed_refused(member_a, org_a):
    gap = _report(
        member_a,
        org_a,
    )
    services.gap_transition(gap=gap, to_status="filled", by=member_a)
    with pytest.raises(ValidationError, match="cannot move from “Filled” to “Partly filled”"):
        services.gap_transition(gap=gap, to_status="partly_filled", by=member_a)
    gap.refresh_from_db()
    assert gap.status == "filled"
    assert gap.history.count() == 2


def test_gap_claim_moves_open_gap_to_being_addressed(staff):
    gap = DataGapFactory()
    services.gap_claim(gap=gap, project="Child labour in Moldova", by=staff)
    gap.refresh_from_db()
    assert gap.status == GapStatus.BEING_ADDRESSED
    assert gap.history.get().reason == "Claimed by project “Child labour in Moldova”."


def test_gap_claim_second_project_keeps_status_and_notes(staff):
    gap = DataGapFactory(status=GapStatus.BEING_ADDRESSED)
    services.gap_claim(gap=gap, project="Second", by=staff)
    gap.refresh_from_db()
    assert gap.status == GapStatus.BEING_ADDRESSED
    assert gap.history.get().to_status == GapStatus.BEING_ADDRESSED


def test_gap_claim_filled_refused(staff):
    gap = DataGapFactory(status=GapStatus.FILLED)
    with pytest.raises(ValidationError):
        services.gap_claim(gap=gap, project="P", by=staff)
    assert not GapStatusChange.objects.exists()


def test_gap_fill_partly_then_fully(staff):
    gap = DataGapFactory(status=GapStatus.BEING_ADDRESSED)
    services.gap_fill(gap=gap, partly=True, evidence_title="Interim report", by=staff)
    gap.refresh_from_db()
    assert gap.status == GapStatus.PARTLY_FILLED
    services.gap_fill(gap=gap, partly=False, evidence_title="Final report", by=staff)
    gap.refresh_from_db()
    assert gap.status == GapStatus.FILLED
    assert list(gap.evidence.values_list("title", flat=True)) == ["Interim report", "Final report"]
    assert list(gap.history.values_list("to_status", flat=True)) == ["partly_filled", "filled"]


def test_gap_fill_without_title_refused(staff):
    gap = DataGapFactory()
    with pytest.raises(ValidationError):
        services.gap_fill(gap=gap, partly=True, evidence_title=" ", by=staff)
    assert not GapEvidence.objects.exists()


def test_mark_stale_gaps_command_moves_past_horizon_only(capsys):
    past = DataGapFactory(horizon=date(2020, 1, 1))
    future = DataGapFactory(horizon=timezone.localdate() + timedelta(days=30))
    filled = DataGapFactory(horizon=date(2020, 1, 1), status=GapStatus.FILLED)
    call_command("mark_stale_gaps")
    assert capsys.readouterr().out == "1 gap marked stale.\n"
    statuses = dict(DataGap.objects.values_list("pk", "status"))
    assert statuses == {past.pk: "stale", future.pk: "open", filled.pk: "filled"}
    assert past.history.get().reason == "Evidence older than its horizon (01 January 2020)."


def test_indicator_create_and_update_by_staff(staff):
    gap = DataGapFactory()
    indicator = services.indicator_create(
        by=staff,
        name="Identified child victims",
        definition="Children identified per year.",
        unit="children",
        disaggregations=["age", "sex"],
        gaps=[gap],
    )
    services.indicator_update(indicator=indicator, by=staff, unit="children per year")
    indicator = Indicator.objects.get()
    assert (indicator.unit, indicator.disaggregations) == ("children per year", ["age", "sex"])
    assert list(indicator.gaps.all()) == [gap]


def test_indicator_create_by_member_refused(focal_a):
    with pytest.raises(PermissionDenied):
        services.indicator_create(by=focal_a, name="X", definition="Y", unit="Z")
    assert not Indicator.objects.exists()
