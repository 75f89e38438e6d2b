from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.enums import OrganizationStatus
from network.countries import services
from network.countries.enums import AnswerStatus, ProposalStatus
from network.countries.models import Answer, GapChangeProposal, ProfileVersion
from network.gaps.enums import Area, GapStatus
from tests.factories import OrganizationFactory
from tests.factories.countries import AnswerFactory, RoundCountryFactory, questionnaire_v1
from tests.factories.gaps import CountryFactory, DataGapFactory

pytestmark = pytest.mark.django_db


def _entry(value, kind="knowledge", ref=""):
    return {"value": value, "source_kind": kind, "source_ref": ref}


def test_round_open_creates_a_draft_per_organization_and_mails_spokespeople(
    staff, org_a, org_b, focal_a, alternate_a, member_a, focal_b, django_capture_on_commit_callbacks
):
    moldova, albania = CountryFactory(code="MD"), CountryFactory(code="AL")
    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.round_open(
            by=staff,
            title="Update 2027",
            questionnaire=questionnaire_v1(),
            deadline=timezone.localdate() + timedelta(days=30),
            assignments={moldova: [org_a, org_b], albania: [org_b]},
        )
    answers = Answer.objects.filter(round_country__round=round_)
    assert sorted((str(a.round_country.country.code), a.organization.slug) for a in answers) == [
        ("AL", "agency-b"), ("MD", "agency-a"), ("MD", "agency-b")
    ]  # fmt: skip
    assert {a.status for a in answers} == {AnswerStatus.DRAFT}
    recipients = sorted(message.to[0] for message in mail.outbox)
    # One message per person and assignment; plain members are not asked.
    assert recipients == sorted([focal_a.email, alternate_a.email, focal_b.email, focal_b.email])
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert member_a.email not in recipients
    assert "/rounds/update-2027/MD/" in mail.outbox[0].body


def test_round_open_is_refused_to_non_staff_and_for_past_deadline(focal_a, staff, org_a):
    moldova = CountryFactory(code="MD")
    with pytest.raises(PermissionDenied):
        services.round_open(
            by=focal_a, title="R", questionnaire=questionnaire_v1(),
            deadline=timezone.localdate() + timedelta(days=3), assignments={moldova: [org_a]},
        )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.round_open(
            by=staff, title="R", questionnaire=questionnaire_v1(),
            deadline=timezone.localdate(), assignments={moldova: [org_a]},
        )  # fmt: skip
    assert "The deadline must be in the future." in error.value.messages
    applicant = OrganizationFactory(status=OrganizationStatus.APPLICANT)
    with pytest.raises(ValidationError) as error:
        services.round_open(
            by=staff, title="R", questionnaire=questionnaire_v1(),
            deadline=timezone.localdate() + timedelta(days=3), assignments={moldova: [applicant]},
        )  # fmt: skip
    assert "Only member organizations answer rounds." in error.value.messages


def test_answer_save_by_someone_of_another_organization_is_refused(focal_b, org_a):
    answer = AnswerFactory(organization=org_a)
    with pytest.raises(PermissionDenied):
        services.answer_save(answer=answer, by=focal_b, values={}, revision=0)
    answer.refresh_from_db()
    assert answer.revision == 0


def test_answer_save_by_a_plain_member_is_refused(member_a, org_a):
    answer = AnswerFactory(organization=org_a)
    with pytest.raises(PermissionDenied):
        services.answer_save(answer=answer, by=member_a, values={}, revision=0)


def test_answer_save_after_the_deadline_changes_nothing(focal_a, org_a):
    answer = AnswerFactory(
        organization=org_a, round_country__round__deadline=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        services.answer_save(answer=answer, by=focal_a, values={"summary": _entry("x")}, revision=0)
    assert "has passed" in error.value.messages[0]
    answer.refresh_from_db()
    assert answer.values == {} and answer.revision == 0


def test_a_stale_save_from_a_second_browser_is_refused(focal_a, alternate_a, org_a):
    answer = AnswerFactory(organization=org_a)
    services.answer_save(answer=answer, by=focal_a, values={"summary": _entry("first")}, revision=0)
    with pytest.raises(ValidationError) as error:
        # The alternate's form was read at revision 0, before the focal point's save.
        services.answer_save(
            answer=answer, by=alternate_a, values={"summary": _entry("second")}, revision=0
        )
    assert "Someone else saved this answer" in error.value.messages[0]
    answer.refresh_from_db()
    assert answer.values["summary"]["value"] == "first" and answer.revision == 1
    services.answer_save(
        answer=answer, by=alternate_a, values={"summary": _entry("second")}, revision=1
    )
    answer.refresh_from_db()
    assert answer.values["summary"]["value"] == "second" and answer.revision == 2


def test_a_year_that_is_not_a_year_is_refused(focal_a, org_a):
    answer = AnswerFactory(organization=org_a)
    with pytest.raises(ValidationError) as error:
        services.answer_save(
            answer=answer, by=focal_a, values={"palermo_year": _entry("soon")}, revision=0
        )
    assert error.value.message_dict["palermo_year"][0].startswith("Enter a year")
    with pytest.raises(ValidationError):
        services.answer_save(
            answer=answer, by=focal_a, values={"action_plan": _entry("maybe")}, revision=0
        )
    answer.refresh_from_db()
    assert answer.revision == 0


def test_a_submitted_answer_is_locked_until_sent_back(focal_a, org_a, staff):
    answer = AnswerFactory(organization=org_a)
    services.answer_save(answer=answer, by=focal_a, values={}, revision=0, submit=True)
    with pytest.raises(ValidationError):
        services.answer_save(answer=answer, by=focal_a, values={}, revision=1)
    with pytest.raises(ValidationError):
        services.answer_return(answer=answer, by=staff, comment="  ")
    services.answer_return(answer=answer, by=staff, comment="Add the source of the plan.")
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.RETURNED
    services.answer_save(answer=answer, by=focal_a, values={}, revision=1, submit=True)
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.SUBMITTED


def test_publishing_without_a_submitted_answer_is_refused(staff, org_a):
    answer = AnswerFactory(organization=org_a)
    with pytest.raises(ValidationError) as error:
        services.profile_publish(round_country=answer.round_country, by=staff)
    assert "nothing to publish" in error.value.messages[0]
    assert not ProfileVersion.objects.exists()


def test_publish_consolidates_keeps_disagreement_and_older_values(
    staff, org_a, org_b, focal_a, focal_b
):
    moldova = CountryFactory(code="MD")
    first = RoundCountryFactory(country=moldova)
    answer = AnswerFactory(round_country=first, organization=org_a)
    services.answer_save(
        answer=answer, by=focal_a, revision=0, submit=True,
        values={"summary": _entry("Old summary"), "action_plan": _entry("general")},
    )  # fmt: skip
    v1 = services.profile_publish(round_country=first, by=staff)
    assert v1.number == 1 and sorted(v1.changed) == ["action_plan", "summary"]

    second = RoundCountryFactory(country=moldova)
    a = AnswerFactory(round_country=second, organization=org_a)
    b = AnswerFactory(round_country=second, organization=org_b)
    services.answer_save(
        answer=a, by=focal_a, revision=0, submit=True,
        values={"action_plan": _entry("child_specific", "publication", "NAP 2008-2010")},
    )  # fmt: skip
    services.answer_save(
        answer=b, by=focal_b, revision=0, submit=True,
        values={"action_plan": _entry("general")},
    )  # fmt: skip
    v2 = services.profile_publish(round_country=second, by=staff, chosen={"action_plan": a.pk})
    v1.refresh_from_db()
    assert (v1.is_current, v2.is_current, v2.number) == (False, True, 2)
    plan = v2.values["action_plan"]
    assert plan["value"] == "child_specific"
    assert plan["source_ref"] == "NAP 2008-2010"
    assert plan["round"] == second.round.title
    assert plan["disagreement"] == [{"organization": "Agency B", "value": "general"}]
    # Nobody answered the summary this time: it keeps its value and the round it came from.
    assert v2.values["summary"] == v1.values["summary"]
    assert v2.changed == ["action_plan"]
    with pytest.raises(ValidationError):
        services.profile_publish(round_country=second, by=staff)


def test_publishing_new_disaggregations_proposes_a_gap_change_that_staff_accept(
    staff, org_a, focal_a
):
    moldova = CountryFactory(code="MD")
    gap = DataGapFactory(
        area=Area.DISAGGREGATION, missing_disaggregations=["age", "sex"], countries=[moldova]
    )
    unrelated = DataGapFactory(area=Area.FLOWS, countries=[moldova])
    answer = AnswerFactory(round_country__country=moldova, organization=org_a)
    services.answer_save(
        answer=answer, by=focal_a, revision=0, submit=True,
        values={"disaggregations": _entry(["age", "sex"], "link", "https://stat.example/md")},
    )  # fmt: skip
    version = services.profile_publish(round_country=answer.round_country, by=staff)
    proposal = GapChangeProposal.objects.get()
    assert (proposal.gap, proposal.version, proposal.to_status) == (
        gap, version, GapStatus.PARTLY_FILLED
    )  # fmt: skip
    assert proposal.reason == "Moldova now publishes data by age, sex."
    assert not GapChangeProposal.objects.filter(gap=unrelated).exists()
    with pytest.raises(PermissionDenied):
        services.proposal_decide(proposal=proposal, by=focal_a, accept=True)
    services.proposal_decide(proposal=proposal, by=staff, accept=True)
    gap.refresh_from_db()
    assert gap.status == GapStatus.PARTLY_FILLED
    assert gap.evidence.get().title.startswith("Country profile of Moldova, version 1")
    assert "Country round" in gap.history.latest("pk").reason
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    with pytest.raises(ValidationError):
        services.proposal_decide(proposal=proposal, by=staff, accept=False)


def test_reminders_go_14_and_3_days_before_to_those_who_have_not_submitted(
    org_a, org_b, focal_a, focal_b, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    late = AnswerFactory(
        organization=org_a, round_country__round__deadline=today + timedelta(days=14)
    )
    done = AnswerFactory(round_country=late.round_country, organization=org_b)
    Answer.objects.filter(pk=done.pk).update(status=AnswerStatus.SUBMITTED)
    AnswerFactory(organization=org_a, round_country__round__deadline=today + timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rounds_remind_due(today=today) == 1
    assert [m.to for m in mail.outbox] == [[focal_a.email]]
    assert "Reminder" in mail.outbox[0].subject


def test_publish_may_merge_a_multiple_choice(staff, org_a, org_b, focal_a, focal_b):
    round_country = RoundCountryFactory(country=CountryFactory(code="MD"))
    a = AnswerFactory(round_country=round_country, organization=org_a)
    b = AnswerFactory(round_country=round_country, organization=org_b)
    services.answer_save(
        answer=a, by=focal_a, revision=0, submit=True,
        values={"roles": _entry(["origin", "transit"])},
    )  # fmt: skip
    services.answer_save(
        answer=b, by=focal_b, revision=0, submit=True,
        values={"roles": _entry(["destination", "origin"])},
    )  # fmt: skip
    version = services.profile_publish(
        round_country=round_country, by=staff, chosen={"roles": services.MERGE}
    )
    roles = version.values["roles"]
    assert roles["value"] == ["destination", "origin", "transit"]
    assert roles["answered_by"] == ["Agency A", "Agency B"] and roles["disagreement"] == []
