from django_tasks import task

from .services import minutes_close_ended_periods, registration_remind_due


@task()
def send_event_reminders() -> int:
    """Remind confirmed participants of events that start within the next day, once each."""
    return registration_remind_due()


@task()
def close_minutes_signoff_periods() -> int:
    """Agree circulated minutes whose sign-off period ended without an objection."""
    return minutes_close_ended_periods()
