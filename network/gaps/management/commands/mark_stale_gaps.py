from django.core.management.base import BaseCommand

from network.gaps.services import gap_mark_stale


class Command(BaseCommand):
    help = "Mark stale the data gaps whose evidence is older than their horizon."

    def handle(self, *args, **options):
        moved = gap_mark_stale()
        self.stdout.write(f"{moved} gap{'s' if moved != 1 else ''} marked stale.")
