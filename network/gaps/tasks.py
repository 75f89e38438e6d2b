from django_tasks import task

from .services import gap_mark_stale


@task()
def mark_stale_gaps() -> int:
    """Mark stale the gaps whose evidence is older than their horizon."""
    return gap_mark_stale()
