from django_tasks import task

from .services import access_request_remind_ended


@task()
def remind_access_ended() -> int:
    """Remind both organizations when an approved access passes its end date."""
    return access_request_remind_ended()
