"""The README's backup and restore commands, run for real against PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from claims.models import Quote, Statement

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore back up PostgreSQL"
)


def url_for(database: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgresql://{db['USER']}{password}@{host}:{port}/{database}"


@pytest.fixture
def scratch_database():
    name = f"claimtracker_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_an_empty_database_with_every_statement(
    committed_seed, scratch_database, tmp_path
):
    assert shutil.which("pg_dump") or os.path.exists("/usr/bin/pg_dump")
    env = {**os.environ, "DATABASE_URL": url_for(connection.settings_dict["NAME"])}
    subprocess.run(
        ["make", "--no-print-directory", "backup", f"BACKUP_DIR={tmp_path}"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )
    (dump,) = tmp_path.glob("claimtracker-*.dump")

    env["DATABASE_URL"] = url_for(scratch_database)
    subprocess.run(
        ["make", "--no-print-directory", "restore", f"DUMP={dump}"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )

    with psycopg.connect(url_for(scratch_database)) as restored:
        statements = restored.execute("SELECT count(*) FROM claims_statement").fetchone()[0]
        quotes = restored.execute(
            "SELECT count(*) FROM claims_quote q JOIN sources_article a ON a.id = q.article_id "
            'WHERE substr(a.body, q.start + 1, q."end" - q.start) = q.text'
        ).fetchone()[0]
        trigger = restored.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'claims_quote_matches_body'"
        ).fetchone()[0]
    assert statements == Statement.objects.count() > 0
    assert quotes == Quote.objects.count()
    assert trigger == 1
