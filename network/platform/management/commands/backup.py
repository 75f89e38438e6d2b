from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.platform.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or a copy of the SQLite file) and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="where to write (default var/backups/<UTC>)")

    def handle(self, *args, **options):
        try:
            directory = backup_create(directory=options["dir"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {directory}")
