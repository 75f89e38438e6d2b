from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: str) -> None:
    """One message to one address: nobody learns who else was told."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
