"""The README's dumpdata/loaddata round trip, run for real on SQLite: a fresh database
migrated and loaded from the dump holds every table's rows as the original does.

Compared otherwise, and why: the content types and permissions `migrate` makes in the
new database (the dump leaves them out, as the README says) by their natural keys, with
the group and user permissions that name them; django_migrations by migration, not by
when it was applied; the cache table not at all (it is a cache); the FTS5 table's shadow
tables (its index, rebuilt by the triggers as quotes load) by what a search finds."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.claimtracker.test_backup import edits_deletions_and_sign_ins

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite round trip; PostgreSQL has pg_dump"
)

DUMP = [
    "dumpdata",
    "--format=yaml",  # JSON rounds times to milliseconds; YAML keeps them whole
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    # Derived: the tallies and their tags are recounted by the triggers as statements
    # load, and the cache scopes' tokens are a cache.
    "--exclude=claims.tally",
    "--exclude=claims.statementtag",
    "--exclude=claims.scopeversion",
]
BY_NATURAL_KEY = {
    "django_content_type": "SELECT app_label, model FROM django_content_type",
    "auth_permission": (
        "SELECT p.codename, c.app_label, c.model, p.name FROM auth_permission p "
        "JOIN django_content_type c ON c.id = p.content_type_id"
    ),
    "auth_group_permissions": (
        "SELECT g.group_id, p.codename, c.app_label FROM auth_group_permissions g "
        "JOIN auth_permission p ON p.id = g.permission_id "
        "JOIN django_content_type c ON c.id = p.content_type_id"
    ),
    "auth_user_user_permissions": (
        "SELECT u.user_id, p.codename, c.app_label FROM auth_user_user_permissions u "
        "JOIN auth_permission p ON p.id = u.permission_id "
        "JOIN django_content_type c ON c.id = p.content_type_id"
    ),
    "django_migrations": "SELECT app, name FROM django_migrations",
    # Recounted, so compared by what they count, not by row id.
    "claims_tally": (
        "SELECT facet_a, value_a, facet_b, value_b, statements FROM claims_tally"
        " WHERE statements <> 0"
    ),
    "claims_statementtag": "SELECT statement_id, facet, value FROM claims_statementtag",
}
SEARCHES = ("drones", "Iran", "missiles", "denied")


def is_compared(table: str) -> bool:
    shadow = table.startswith("claims_quote_fts_")
    skipped = (settings_cache_table(), "claims_scopeversion")
    return not (table.startswith("sqlite_") or shadow or table in skipped)


def settings_cache_table() -> str:
    return settings.CACHES["default"].get("LOCATION", "") or ""


def stored(value):
    """A value as SQLite stores it: Django's connection reads dates and times back as
    objects, a plain sqlite3 connection as the text that is stored."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal):
        return str(value)
    return value


def tables_of(cursor) -> dict[str, tuple[int, str]]:
    names = [
        row[0]
        for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    ]
    sums = {}
    for table in filter(is_compared, names):
        query = BY_NATURAL_KEY.get(table, f'SELECT * FROM "{table}"')
        rows = sorted(repr(tuple(map(stored, row))) for row in cursor.execute(query).fetchall())
        sums[table] = (len(rows), hashlib.md5("\n".join(rows).encode()).hexdigest())
    for word in SEARCHES:
        found = cursor.execute(
            "SELECT rowid FROM claims_quote_fts WHERE claims_quote_fts MATCH ? ORDER BY rowid",
            (word,),
        ).fetchall()
        sums[f"search {word!r}"] = (len(found), repr(found))
    return sums


def test_dumpdata_loads_into_a_fresh_database_identically(seed, tmp_path, figure):
    edits_deletions_and_sign_ins()
    dump = tmp_path / "claimtracker.yaml"
    call_command(*DUMP, output=str(dump), verbosity=0)

    copy = tmp_path / "copy.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{copy}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CLAIMTRACKER_ENV_FILE": os.devnull,
    }
    for command in (["migrate", "--no-input"], ["createcachetable"], ["loaddata", str(dump)]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-3000:]

    before = tables_of(connection.cursor())
    with sqlite3.connect(copy) as restored:
        after = tables_of(restored.cursor())
    assert after == before
    for table in ("claims_historicalactor", "claims_historicalstatement", "knox_authtoken"):
        assert before[table][0] > 0, table
    tables = [name for name in before if not name.startswith("search ")]
    rows = sum(before[name][0] for name in tables)
    figure(f"dumpdata/loaddata: {len(tables)} tables, {rows:,} rows identical")
