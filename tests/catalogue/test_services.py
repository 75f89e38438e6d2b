from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.enums import MembershipRole
from network.catalogue import services
from network.catalogue.enums import AccessCondition, RequestAction, RequestStatus
from network.catalogue.models import AccessEvent, AccessRequest, Dataset
from network.catalogue.selectors import coverage_summary
from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.catalogue import AccessRequestFactory, DatasetFactory
from tests.factories.gaps import CountryFactory

pytestmark = pytest.mark.django_db


def _ask(by, dataset, organization, **overrides):
    data = {
        "by": by,
        "dataset": dataset,
        "organization": organization,
        "purpose": "Compare return routes.",
        "variables_needed": "age, sex",
        "coverage_needed": "Moldova",
        "storage": "Encrypted",
        "retention": "One year",
        "k_confirmed": True,
        **overrides,
    }
    return services.access_request_create(**data)


def test_dataset_create_for_own_organization(member_a, org_a):
    dataset = services.dataset_create(
        by=member_a,
        owner=org_a,
        fields={"title": "Assisted cases", "description": "d", "unit_of_record": "assisted "
                "cases", "access": AccessCondition.MEMBERS},
    )  # fmt: skip
    assert (dataset.owner, dataset.slug, dataset.created_by) == (org_a, "assisted-cases", member_a)


def test_dataset_create_for_another_organization_is_refused(member_a, org_b):
    with pytest.raises(PermissionDenied):
        services.dataset_create(
            by=member_a,
            owner=org_b,
            fields={"title": "X", "description": "d", "unit_of_record": "u", "access": "open"},
        )
    assert Dataset.objects.count() == 0


def test_external_link_only_for_open_datasets(member_a, org_a):
    with pytest.raises(ValidationError) as error:
        services.dataset_create(
            by=member_a,
            owner=org_a,
            fields={"title": "X", "description": "d", "unit_of_record": "u",
                    "access": AccessCondition.AGREEMENT, "external_link": "https://x.org/d.csv"},
        )  # fmt: skip
    assert "external_link" in error.value.message_dict
    assert Dataset.objects.count() == 0


def test_years_in_order(member_a, org_a):
    with pytest.raises(ValidationError) as error:
        services.dataset_create(
            by=member_a,
            owner=org_a,
            fields={"title": "X", "description": "d", "unit_of_record": "u",
                    "access": "open", "year_from": 2012, "year_to": 2008},
        )  # fmt: skip
    assert list(error.value.message_dict) == ["year_to"]


def test_coverage_summary_reads_as_a_sentence():
    dataset = DatasetFactory(
        countries=[CountryFactory(code="MD")],
        year_from=2008,
        year_to=2012,
        disaggregations=["age", "sex"],
    )
    assert coverage_summary(dataset) == "covers Moldova, 2008–2012, disaggregated by age and sex"  # noqa: RUF001


def test_request_records_its_first_step(member_a, org_a, org_b):
    access_request = _ask(member_a, DatasetFactory(owner=org_b), org_a)
    assert access_request.status == RequestStatus.SUBMITTED
    assert list(AccessEvent.objects.values_list("action", "by", "organization")) == [
        ("submitted", member_a.pk, org_a.pk)
    ]


def test_request_emails_on_commit(
    member_a, org_a, focal_b, org_b, django_capture_on_commit_callbacks
):
    alternate_b = MembershipFactory(organization=org_b, role=MembershipRole.ALTERNATE).user
    dataset = DatasetFactory(owner=org_b, title="Routes register")
    with django_capture_on_commit_callbacks(execute=True):
        _ask(member_a, dataset, org_a)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal_b.email, alternate_b.email])
    assert "Routes register" in mail.outbox[0].subject


def test_not_shareable_is_refused_with_the_reason(member_a, org_a):
    dataset = DatasetFactory(access=AccessCondition.NOT_SHAREABLE)
    with pytest.raises(ValidationError, match="not shareable"):
        _ask(member_a, dataset, org_a)
    assert AccessRequest.objects.count() == 0


def test_request_on_behalf_of_another_organization_is_refused(member_a, org_b):
    with pytest.raises(PermissionDenied):
        _ask(member_a, DatasetFactory(), org_b)
    assert AccessRequest.objects.count() == 0


def test_request_needs_the_k_rule(member_a, org_a):
    with pytest.raises(ValidationError) as error:
        _ask(member_a, DatasetFactory(), org_a, k_confirmed=False)
    assert list(error.value.message_dict) == ["k_confirmed"]


def test_owner_asks_then_approves_then_delivers_then_ends(member_a, org_a, focal_b, org_b):
    access_request = _ask(member_a, DatasetFactory(owner=org_b), org_a)
    services.access_request_advance(
        by=focal_b, access_request=access_request, action="more_info", note="Which years?"
    )
    services.access_request_advance(
        by=member_a, access_request=access_request, action="answered", note="2008 to 2012."
    )
    end = timezone.localdate() + timedelta(days=90)
    services.access_request_advance(
        by=focal_b, access_request=access_request, action="approved", conditions="No maps.",
        ends_on=end,
    )  # fmt: skip
    access_request.refresh_from_db()
    assert (access_request.status, access_request.ends_on) == (RequestStatus.APPROVED, end)
    services.access_request_advance(by=focal_b, access_request=access_request, action="delivered")
    services.access_request_advance(by=focal_b, access_request=access_request, action="ended")
    assert list(access_request.events.values_list("action", flat=True)) == [
        "submitted", "more_info", "answered", "approved", "delivered", "ended",
    ]  # fmt: skip


def test_approving_for_a_dataset_one_does_not_own_is_refused(focal_a, org_a):
    access_request = AccessRequestFactory(dataset=DatasetFactory(owner=OrganizationFactory()))
    with pytest.raises(PermissionDenied):
        services.access_request_advance(
            by=focal_a, access_request=access_request, action="approved",
            ends_on=timezone.localdate() + timedelta(days=3),
        )  # fmt: skip
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.SUBMITTED
    assert access_request.events.count() == 0


def test_end_date_before_start_is_refused(focal_b, org_b):
    access_request = AccessRequestFactory(dataset=DatasetFactory(owner=org_b))
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.access_request_advance(
            by=focal_b, access_request=access_request, action="approved",
            starts_on=today, ends_on=today - timedelta(days=1),
        )  # fmt: skip
    assert list(error.value.message_dict) == ["ends_on"]
    access_request.refresh_from_db()
    assert (access_request.status, access_request.ends_on) == (RequestStatus.SUBMITTED, None)


def test_decline_needs_a_reason(focal_b, org_b):
    access_request = AccessRequestFactory(dataset=DatasetFactory(owner=org_b))
    with pytest.raises(ValidationError):
        services.access_request_advance(
            by=focal_b, access_request=access_request, action=RequestAction.DECLINED
        )


def test_ended_access_reminds_both_sides_once(focal_b, org_b, focal_a, org_a,
                                              django_capture_on_commit_callbacks):  # fmt: skip
    access_request = AccessRequestFactory(
        dataset=DatasetFactory(owner=org_b), organization=org_a, requested_by=focal_a,
        status=RequestStatus.APPROVED, starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() - timedelta(days=1),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert services.access_request_remind_ended() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal_b.email, focal_a.email])
    assert services.access_request_remind_ended() == 0
    assert access_request.events.get().action == RequestAction.END_DATE_PASSED
