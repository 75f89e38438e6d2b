"""Periodic jobs. Each app registers its own in its AppConfig.ready(), so this floor never
imports the apps above it; `manage.py run_scheduler` enqueues each job once per slot (one
interval, counted from the Unix epoch: a daily job falls due at midnight UTC, an hourly one
on the hour)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import Task, TaskResult

from .models import PeriodicJobRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task
    every: timedelta

    def slot(self, now: datetime) -> datetime:
        """The start of the interval that holds `now`."""
        step = self.every.total_seconds()
        return datetime.fromtimestamp(now.timestamp() // step * step, tz=UTC)


_jobs: dict[str, PeriodicJob] = {}


def register(name: str, *, task: Task, every: timedelta) -> None:
    """Run `task` every `every` (at least a minute, the scheduler's finest step)."""
    if every < timedelta(minutes=1):
        raise ImproperlyConfigured(f"Periodic job {name!r} runs more often than every minute.")
    known = _jobs.get(name)
    if known is not None and known.task.module_path != task.module_path:
        raise ImproperlyConfigured(
            f"Periodic job {name!r} is registered twice ({known.task.module_path}, "
            f"{task.module_path})."
        )
    _jobs[name] = PeriodicJob(name=name, task=task, every=every)


def registered() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)


@transaction.atomic
def periodic_job_enqueue(*, job: PeriodicJob, now: datetime | None = None) -> TaskResult | None:
    """Enqueue `job` unless its current slot already was; return the task result, or None.

    Once per slot even with two schedulers running or one restarted mid-slot: the slot is
    claimed by a conditional UPDATE, which exactly one transaction wins (PostgreSQL re-checks
    the condition after waiting for the other's row lock; SQLite runs one writer at a time).
    With the database backend the task is a row in the same transaction, so the claim and
    the enqueue commit or roll back together. Side effects: one task enqueued.
    """
    now = now or timezone.now()
    slot = job.slot(now)
    PeriodicJobRun.objects.get_or_create(name=job.name)
    claimed = PeriodicJobRun.objects.filter(
        Q(slot__isnull=True) | Q(slot__lt=slot), name=job.name
    ).update(slot=slot, enqueued_at=now)
    if not claimed:
        return None
    result = job.task.enqueue()
    PeriodicJobRun.objects.filter(name=job.name).update(task_result_id=str(result.id))
    return result


def next_slot(jobs: list[PeriodicJob], now: datetime) -> datetime:
    """When the earliest of `jobs` next falls due."""
    return min(job.slot(now) + job.every for job in jobs)
