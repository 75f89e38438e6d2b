from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: str, headers: dict | None = None) -> None:
    """One message to one address: nobody learns who else was told."""
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {}).send()
