"""deploy/backup.sh and deploy/restore.sh: a backup of the test database, restored into a
fresh database, holds the same rows in every table."""

import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep_runs import timed_sweep

ROOT = Path(settings.BASE_DIR)
pytestmark = pytest.mark.django_db(transaction=True)


def url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def row_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from pg_tables
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def fresh_database(db):
    if connection.vendor != "postgresql":
        pytest.skip("backs up PostgreSQL with pg_dump: runs on PostgreSQL (as CI does)")
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_fresh_database_with_every_row(
    catalog, make_user, make_plan, fresh_database, tmp_path
):
    from datetime import timedelta

    from django.utils import timezone

    person = make_user(nudge_hour=0)
    make_plan(person, [("Learn PyTorch", timezone.localdate() + timedelta(days=1))])
    timed_sweep()
    assert Nudge.objects.exists()

    backup = subprocess.run(
        [ROOT / "deploy/backup.sh", url(connection.settings_dict["NAME"]), tmp_path / "db.dump"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert backup.returncode == 0, backup.stderr
    assert backup.stdout.strip() == str(tmp_path / "db.dump")
    restore = subprocess.run(
        [ROOT / "deploy/restore.sh", tmp_path / "db.dump", url(fresh_database)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restore.returncode == 0, restore.stderr

    with connection.cursor() as cursor:
        original = row_counts(cursor)
    import psycopg

    with psycopg.connect(url(fresh_database)) as restored, restored.cursor() as cursor:
        copy = row_counts(cursor)
    assert original["nudges_nudge"] >= 1 and original["guide_milestone"] > 10
    assert copy == original
