from django_tasks import task

from .services import registration_remind_due


@task()
def send_event_reminders() -> int:
    """Remind confirmed participants of events that start within the next day, once each."""
    return registration_remind_due()
