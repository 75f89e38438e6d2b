from django.db import models


class PeriodicJobRun(models.Model):
    """The last slot each periodic job was enqueued for, one row per job. A plain model:
    machinery of the scheduler, no page and no editor."""

    name = models.CharField(max_length=100, unique=True)
    slot = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return self.name
