from django.core.management.base import BaseCommand
from django.db import transaction

from events import seed as events_seed
from home import seed as home_seed
from members import seed as members_seed
from network.gaps import seed as gaps_seed


class Command(BaseCommand):
    help = "Load the network's seed content. Idempotent: running it again changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        counts = {
            "countries and sub-regions": gaps_seed.load(),
            "organizations": members_seed.load(),
        }
        counts["pages"], home = home_seed.load()
        counts["events"] = events_seed.load(home)
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Seed content loaded ({summary} created)."))
