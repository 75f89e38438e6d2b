from django_tasks import task

from .services import priority_close_due_votes


@task()
def close_due_votes() -> int:
    """Close the votes whose window has ended; until then their pages show them as closing."""
    return priority_close_due_votes()
