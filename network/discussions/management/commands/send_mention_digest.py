from django.core.management.base import BaseCommand

from network.discussions.tasks import send_mention_digest


class Command(BaseCommand):
    help = "Queue the email digest of unread @mentions (one email per person)."

    def handle(self, *args, **options):
        result = send_mention_digest.enqueue()
        self.stdout.write(f"Mention digest queued ({result.id}).")
