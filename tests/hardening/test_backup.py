"""`make backup` / `make restore` (issue 8, item 6): a backup restored into an empty
PostgreSQL database has the same rows in every table and the same messages in order, and the
uploaded files come back."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import MembershipFactory, OrganizationFactory
from tests.factories.discussions import MessageFactory, RoomFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]


def _url(name):
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _restore(*args, database, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", *map(str, args)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "network.settings.test",
            "DATABASE_URL": _url(database),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def _dsn(name):
    return _url(name)


def _state(conn):
    """Every table's row count and a digest of every message, in id order."""
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT id, topic_id, author_id, body, created FROM discussions_message ORDER BY id"
        )
        digest = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return counts, digest


@pytest.fixture
def restore_database(postgres):
    name = f"net_hardening_restore_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restored_into_an_empty_database_is_identical(restore_database, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 report")
    organization = OrganizationFactory()
    people = [MembershipFactory(organization=organization).user for _ in range(3)]
    room = RoomFactory()
    topic = TopicFactory(room=room)
    for n in range(30):
        MessageFactory(topic=topic, author=people[n % 3], body=f"Message {n}: **ünïcode** ✓")

    call_command("backup", dir=tmp_path / "backup")
    # Read both databases the same way (a plain psycopg connection each).
    with psycopg.connect(_dsn(connection.settings_dict["NAME"])) as original:
        source = _state(original)

    restored_media = tmp_path / "restored-media"
    result = _restore(
        tmp_path / "backup", "--media-root", restored_media, database=restore_database
    )
    assert result.returncode == 0, result.stderr
    assert "row counts and messages checksum match the backup" in result.stdout

    with psycopg.connect(_dsn(restore_database)) as restored:
        counts, digest = _state(restored)
    assert counts == source[0]
    assert counts["discussions_message"] == 30
    assert digest == source[1]
    assert (restored_media / "documents" / "report.pdf").read_bytes() == b"%PDF-1.4 report"

    # Restoring over a database that has tables (this one) is refused without --replace.
    with pytest.raises(CommandError, match=r"already has \d+ tables: restore into an empty"):
        call_command("restore", tmp_path / "backup")
