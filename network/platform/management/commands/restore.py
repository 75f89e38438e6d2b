from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.platform.backup import BackupError, backup_restore, latest_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (the newest when none is named) into the "
        "configured database and MEDIA_ROOT, then check row counts and the messages checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", nargs="?", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that has tables"
        )
        parser.add_argument("--media-root", type=Path, help="restore media here instead")

    def handle(self, *args, **options):
        try:
            directory = options["backup"] or latest_backup()
            result = backup_restore(
                directory=directory, media_root=options["media_root"], replace=options["replace"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        if result["mismatched_tables"] or not result["messages_match"]:
            raise CommandError(
                f"Restored {directory}, but it differs from its manifest: tables "
                f"{', '.join(result['mismatched_tables']) or 'none'}; messages "
                f"{'match' if result['messages_match'] else 'differ'}."
            )
        self.stdout.write(
            f"Restored {directory}: {result['tables']} tables, {result['rows']} rows, "
            "row counts and messages checksum match the backup."
        )
