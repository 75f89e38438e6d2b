from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that ships seed content has a `seed` module with `load() -> int` (rows created).
# The order follows the dependencies: countries, then organizations, then pages that name them.
SEED_APPS = [
    "network.gaps",
    "members",
    "home",
    "events",
    "network.agenda",
    "network.library",
    "projects",
    "network.discussions",
    "network.countries",
    "network.decisions",
    "network.groups",
    "network.catalogue",
]


class Command(BaseCommand):
    help = "Load the network's seed content. Idempotent: running it again changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        created = {}
        for app in SEED_APPS:
            if find_spec(f"{app}.seed") is not None:
                created[app.rsplit(".", 1)[-1]] = import_module(f"{app}.seed").load()
        summary = ", ".join(f"{what}: {n}" for what, n in created.items())
        self.stdout.write(self.style.SUCCESS(f"Seed content loaded; rows created — {summary}."))
