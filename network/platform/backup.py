"""Backups of the database and the media directory, and their restore (`make backup`,
`make restore`, the `backup` and `restore` management commands).

A backup is a directory `var/backups/<UTC timestamp>/` holding
- `database.dump` (PostgreSQL: `pg_dump -Fc`) or `database.sqlite3` (SQLite: a consistent copy
  through SQLite's online backup API),
- `media/`, a copy of MEDIA_ROOT (uploaded documents and images),
- `manifest.json`: the engine, the row count of every table and a checksum of every
  discussion message in order, which `restore` checks the restored database against.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

BACKUP_ROOT = Path(settings.BASE_DIR) / "var" / "backups"
MESSAGE_COLUMNS = (
    "id, room_id, topic_id, author_id, body, body_html, client_id, created, edited_at, hidden, "
    "hidden_at, deleted_at"
)


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with the reason for the person running it."""


def _pg_env(db):
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def table_counts(connection) -> dict[str, int]:
    """Rows in every table of the database, by table name."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def messages_checksum(connection) -> str:
    """SHA-256 of every discussion message (ids, authors, bodies, times), in id order."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {MESSAGE_COLUMNS} FROM discussions_message ORDER BY id")  # noqa: S608
        for row in cursor.fetchall():
            digest.update(repr(tuple(str(value) for value in row)).encode())
    return digest.hexdigest()


def _copy_media(source: Path, target: Path):
    if target.exists():
        shutil.rmtree(target)
    if source.exists():
        shutil.copytree(source, target)
    else:
        target.mkdir(parents=True)


def backup_create(*, directory: Path | None = None, using: str = "default") -> Path:
    """Write a backup; return its directory. Side effects: runs pg_dump (PostgreSQL) or copies
    the SQLite file, copies MEDIA_ROOT."""
    connection = connections[using]
    db = connection.settings_dict
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    directory = Path(directory) if directory else BACKUP_ROOT / stamp
    directory.mkdir(parents=True, exist_ok=False)
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "--no-privileges",
                "-f",
                str(directory / "database.dump"),
                db["NAME"],
            ],
            _pg_env(db),
        )
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(db["NAME"])
        target = sqlite3.connect(directory / "database.sqlite3")
        with target:
            source.backup(target)
        source.close()
        target.close()
    else:
        raise BackupError(f"No backup for the {connection.vendor} engine.")
    _copy_media(Path(settings.MEDIA_ROOT), directory / "media")
    manifest = {
        "created": stamp,
        "engine": connection.vendor,
        "tables": table_counts(connection),
        "messages_sha256": messages_checksum(connection),
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return directory


def latest_backup() -> Path:
    found = sorted(p for p in BACKUP_ROOT.glob("*") if (p / "manifest.json").exists())
    if not found:
        raise BackupError(f"No backup in {BACKUP_ROOT}: run `make backup` first.")
    return found[-1]


def backup_restore(
    *,
    directory: Path,
    using: str = "default",
    media_root: Path | None = None,
    replace: bool = False,
) -> dict:
    """Restore a backup into the database `using` and MEDIA_ROOT, then compare row counts and
    the messages checksum with the manifest; return {"tables": [...mismatches], ...}.

    Refuses a database that already has tables unless `replace` is set. Side effects: runs
    pg_restore (PostgreSQL) or replaces the SQLite file; replaces the media directory."""
    directory = Path(directory)
    manifest_path = directory / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{directory} is not a backup: it has no manifest.json.")
    manifest = json.loads(manifest_path.read_text())
    connection = connections[using]
    db = connection.settings_dict
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['engine']} database; this one is {connection.vendor}."
        )
    with connection.cursor() as cursor:
        existing = connection.introspection.table_names(cursor)
    if existing and not replace:
        raise BackupError(
            f"The database {db['NAME']} already has {len(existing)} tables: restore into an "
            "empty database, or pass --replace to overwrite it."
        )
    if connection.vendor == "postgresql":
        connection.close()
        command = [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "-d",
            db["NAME"],
        ]
        if replace:
            command[1:1] = ["--clean", "--if-exists"]
        _run([*command, str(directory / "database.dump")], _pg_env(db))
    else:
        connection.close()
        shutil.copyfile(directory / "database.sqlite3", db["NAME"])
    _copy_media(directory / "media", Path(media_root or settings.MEDIA_ROOT))

    counts = table_counts(connection)
    mismatched = sorted(
        table
        for table in set(counts) | set(manifest["tables"])
        if counts.get(table) != manifest["tables"].get(table)
    )
    checksum = messages_checksum(connection)
    return {
        "tables": len(counts),
        "rows": sum(counts.values()),
        "mismatched_tables": mismatched,
        "messages_match": checksum == manifest["messages_sha256"],
    }
