"""Never more confirmed than capacity, even when everybody clicks at the same moment:
50 threads, each with its own database connection, register for 10 seats on PostgreSQL.

serialized_rollback restores what migrations put in the database (Wagtail's root page,
locale, collections) and keeps the flush after these tests from breaking other
transactional tests that restore it too."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from events import services
from events.enums import RegistrationStatus
from events.models import Registration
from tests.factories import MembershipFactory
from tests.factories.events import EventPageFactory

PEOPLE = 50
SEATS = 10


def in_parallel(calls):
    """Run the calls in threads released together by a barrier; each closes its connection."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registrations_never_exceed_capacity(postgres, org_a):
    event = EventPageFactory(capacity=SEATS)
    people = [MembershipFactory(organization=org_a).user for _ in range(PEOPLE)]

    results = in_parallel(
        [
            lambda person=person: (
                services.registration_create(event=event, user=person, organization=org_a).status
            )
            for person in people
        ]
    )

    assert results.count(RegistrationStatus.CONFIRMED) == SEATS
    assert results.count(RegistrationStatus.WAITLISTED) == PEOPLE - SEATS
    stored = Registration.objects.filter(event=event)
    assert stored.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert stored.filter(status=RegistrationStatus.WAITLISTED).count() == PEOPLE - SEATS

    # One cancellation promotes exactly one, the first who joined the waiting list.
    first_waiting = stored.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )[0]
    leaving = stored.filter(status=RegistrationStatus.CONFIRMED).first()
    services.registration_cancel(registration=leaving, by=leaving.user)

    assert stored.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS
    assert stored.filter(status=RegistrationStatus.WAITLISTED).count() == PEOPLE - SEATS - 1
    first_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_double_registration_keeps_one(postgres, member_a, org_a):
    event = EventPageFactory(capacity=SEATS)

    def register():
        try:
            return services.registration_create(
                event=event, user=member_a, organization=org_a
            ).status
        except Exception as error:
            return type(error).__name__

    results = in_parallel([register] * 5)

    assert sorted(results) == ["ValidationError"] * 4 + ["confirmed"]
    assert Registration.objects.filter(event=event, user=member_a).count() == 1
