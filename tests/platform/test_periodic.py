"""Periodic jobs (network/platform/periodic.py): the scheduler enqueues each registered job
once per slot, however often it runs; production's worker runs what it enqueued."""

import signal
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from network.agenda.enums import PriorityStatus
from network.agenda.models import ResearchPriority
from network.agenda.tasks import close_due_votes
from network.platform import periodic
from network.platform.models import PeriodicJobRun
from tests.factories.gaps import PriorityFactory

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_backend(settings):
    settings.TASKS = DATABASE_BACKEND


@pytest.fixture
def _signals_restored():
    """db_worker installs its own SIGINT/SIGTERM handlers in this process."""
    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


def _queued():
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_each_app_registers_its_jobs():
    assert {job.name: job.every for job in periodic.registered()} == {
        "close_due_votes": timedelta(minutes=1),
        "close_minutes_signoff_periods": timedelta(hours=1),
        "mark_stale_gaps": timedelta(days=1),
        "remind_access_ended": timedelta(days=1),
        "remind_rounds_due": timedelta(days=1),
        "send_daily_digests": timedelta(days=1),
        "send_event_reminders": timedelta(hours=1),
        "send_mention_digest": timedelta(days=1),
        "send_weekly_digests": timedelta(days=7),
    }


def test_slot_is_the_start_of_the_interval_holding_now():
    job = periodic.PeriodicJob(name="x", task=close_due_votes, every=timedelta(hours=1))
    assert job.slot(datetime(2026, 5, 4, 13, 59, 59, tzinfo=UTC)) == datetime(
        2026, 5, 4, 13, tzinfo=UTC
    )


def test_scheduler_enqueues_each_due_job_once_when_run_twice(database_backend):
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    assert _queued() == [
        "events.tasks.close_minutes_signoff_periods",
        "events.tasks.send_event_reminders",
        "network.agenda.tasks.close_due_votes",
        "network.catalogue.tasks.remind_access_ended",
        "network.countries.tasks.remind_rounds_due",
        "network.digests.tasks.send_daily_digests",
        "network.digests.tasks.send_weekly_digests",
        "network.discussions.tasks.send_mention_digest",
        "network.gaps.tasks.mark_stale_gaps",
    ]
    assert {run.name: run.task_result_id for run in PeriodicJobRun.objects.all()} == {
        result.task_path.rsplit(".", 1)[1]: str(result.id) for result in DBTaskResult.objects.all()
    }


def test_a_job_is_enqueued_again_in_its_next_slot_only(database_backend):
    job = next(job for job in periodic.registered() if job.name == "close_due_votes")
    start = datetime(2026, 5, 4, 13, 0, tzinfo=UTC)
    assert periodic.periodic_job_enqueue(job=job, now=start) is not None
    # A restart (or a second scheduler) later in the same minute finds the slot taken.
    assert periodic.periodic_job_enqueue(job=job, now=start + timedelta(seconds=59)) is None
    assert periodic.periodic_job_enqueue(job=job, now=start + timedelta(seconds=60)) is not None
    assert periodic.periodic_job_enqueue(job=job, now=start + timedelta(seconds=61)) is None
    assert _queued() == ["network.agenda.tasks.close_due_votes"] * 2
    assert PeriodicJobRun.objects.get(name="close_due_votes").slot == start + timedelta(minutes=1)


def test_the_same_name_for_another_task_is_refused():
    from network.gaps.tasks import mark_stale_gaps

    with pytest.raises(ImproperlyConfigured, match="'close_due_votes' is registered twice"):
        periodic.register("close_due_votes", task=mark_stale_gaps, every=timedelta(minutes=1))


# Transactional: the worker closes and reopens its database connection between tasks, as a
# long-lived process must, which would end a test's enclosing transaction on PostgreSQL.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_runs_a_task_queued_in_the_database(database_backend, _signals_restored):
    priority = PriorityFactory(
        status=PriorityStatus.PUT_TO_NETWORK,
        vote_opens_at=timezone.now() - timedelta(days=3),
        vote_closes_at=timezone.now() + timedelta(days=3),
    )
    ResearchPriority.objects.filter(pk=priority.pk).update(
        vote_closes_at=timezone.now() - timedelta(seconds=1)
    )
    result = close_due_votes.enqueue()
    # Queued, not run: that is the worker's job.
    assert result.status == TaskResultStatus.READY
    priority.refresh_from_db()
    assert priority.status == PriorityStatus.PUT_TO_NETWORK

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    priority.refresh_from_db()
    assert priority.status == PriorityStatus.NOT_ADOPTED
    row = DBTaskResult.objects.get(id=result.id)
    assert (row.status, row.return_value) == (TaskResultStatus.SUCCESSFUL, 1)
