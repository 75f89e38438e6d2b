import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from network.platform.periodic import next_slot, periodic_job_enqueue, registered


class Command(BaseCommand):
    help = (
        "Enqueue each periodic job (registered by the apps) once per interval; runs until "
        "stopped. Safe to restart, and to run twice: a slot is enqueued once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Enqueue the jobs that are due now, then exit."
        )

    def handle(self, *args, once=False, **options):
        jobs = registered()
        if not jobs:
            self.stdout.write("No periodic job is registered.")
            return
        self.stdout.write(
            "Periodic jobs: "
            + ", ".join(f"{j.name} every {j.every.total_seconds() / 60:g} min" for j in jobs)
        )
        while True:
            now = timezone.now()
            for job in jobs:
                result = periodic_job_enqueue(job=job, now=now)
                if result is not None:
                    self.stdout.write(f"{now:%Y-%m-%d %H:%M:%S} {job.name} enqueued ({result.id}).")
            if once:
                return
            # Wake when the next slot opens (a minute at most), not on a polling interval.
            time.sleep(max((next_slot(jobs, now) - timezone.now()).total_seconds(), 0) + 0.1)
            # A process that lives for days: drop a connection that broke or aged while asleep.
            close_old_connections()
