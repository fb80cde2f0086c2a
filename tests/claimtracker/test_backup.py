"""The README's backup and restore commands, run for real against PostgreSQL: after the
restore every table (history, sign-in, token and lockout tables included) holds the same
rows, compared by count and by a checksum of all its rows in primary-key order."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection
from django.utils import timezone

from claims.models import Actor, Quote, Statement
from tests.api.support import token_for
from tests.factories import make_user

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


TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname
"""
PRIMARY_KEY = """
    SELECT a.attname FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY a.attnum
"""


def table_checksums(url: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and the md5 of all its rows, in primary-key order."""
    sums = {}
    with psycopg.connect(url) as database:
        for (table,) in database.execute(TABLES).fetchall():
            key = [row[0] for row in database.execute(PRIMARY_KEY, (f'"{table}"',)).fetchall()]
            order = ", ".join(f't."{column}"' for column in key) or "t::text"
            sums[table] = database.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY {order}), '')) "
                f'FROM "{table}" t'
            ).fetchone()
    return sums


def edits_deletions_and_sign_ins() -> None:
    """History of every kind (+, ~, -), a token, a lockout record: no table left empty
    by accident."""
    actor = Actor.objects.get(slug="iran")
    actor.name = "Iran (edited)"
    actor.save()
    Statement.objects.order_by("id").last().delete()
    token_for(make_user("backed-up", "editor"))
    AccessAttempt.objects.create(
        username="backed-up",
        ip_address="203.0.113.9",
        user_agent="test",
        failures_since_start=1,
        attempt_time=timezone.now(),
    )


def test_a_backup_restores_every_table_identically(
    committed_seed, scratch_database, tmp_path, figure
):
    edits_deletions_and_sign_ins()
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

    before = table_checksums(url_for(connection.settings_dict["NAME"]))
    after = table_checksums(url_for(scratch_database))
    assert after == before
    for table in (
        "claims_historicalactor",
        "claims_historicalstatement",
        "knox_authtoken",
        "axes_accessattempt",
        "auth_user_groups",
    ):
        assert before[table][0] > 0, table
    rows = sum(count for count, _ in before.values())
    figure(f"pg_dump/restore: {len(before)} tables, {rows:,} rows identical")
