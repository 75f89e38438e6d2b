from django_tasks import task

from .services import rounds_remind_due


@task()
def remind_rounds_due() -> int:
    """Remind respondents who have not submitted, 14 and 3 days before a round's deadline."""
    return rounds_remind_due()
