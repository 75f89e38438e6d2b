from django.core.management.base import BaseCommand

from events import services


class Command(BaseCommand):
    help = (
        "Email confirmed participants of events that start within the next day. "
        "Idempotent: each registration is reminded once; run it hourly from cron."
    )

    def handle(self, *args, **options):
        sent = services.registration_remind_due()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) queued."))
