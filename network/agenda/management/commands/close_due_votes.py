from django.core.management.base import BaseCommand

from network.agenda.services import priority_close_due_votes


class Command(BaseCommand):
    help = "Close the votes whose window has ended and apply their results."

    def handle(self, *args, **options):
        closed = priority_close_due_votes()
        self.stdout.write(f"{closed} vote{'s' if closed != 1 else ''} closed.")
