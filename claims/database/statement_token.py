"""Triggers that replace the "statements" token on every write that can change what the
statement list, its facets, a search or the home page show.

claims.cached keys those aggregates by this token (a row of claims_scopeversion). The
triggers replace it in the writer's transaction, whatever wrote (the ORM, bulk writes,
merges, raw SQL, another client), so a reader sees the new token exactly when it sees
the write, and an aggregate cached before it is never read after it.

The writes: any insert, update or deletion of a statement or a quote (a quote's text is
what a search matches), and an article moving to another outlet. On PostgreSQL the
trigger runs once per SQL statement and, named to sort before the tally triggers, takes
the token's row lock before any tally's: writers of statements wait for each other at
their first write instead of deadlocking over tallies. Bulk loads switch it off with
the tallies (claims.database.tallies) and replace the token once at the end.
"""

from __future__ import annotations

from claims.database.vendor import run_for_vendor

MIGRATION = "0018_statement_token"
SCOPE = "statements"
TABLE = "claims_scopeversion"

# trigger name: (event, table)
EVENTS = {
    "claims_scope_statement_write": ("INSERT OR UPDATE OR DELETE", "claims_statement"),
    "claims_scope_quote_write": ("INSERT OR UPDATE OR DELETE", "claims_quote"),
    "claims_scope_article_update": ("UPDATE OF outlet_id", "sources_article"),
}

SQLITE_REPLACE = (
    f"INSERT INTO {TABLE} (scope, token) VALUES ('{SCOPE}', lower(hex(randomblob(16))))"
    " ON CONFLICT (scope) DO UPDATE SET token = excluded.token"
)
POSTGRESQL_REPLACE = (
    f"INSERT INTO {TABLE} (scope, token)"
    f" VALUES ('{SCOPE}', md5(random()::text || clock_timestamp()::text))"
    " ON CONFLICT (scope) DO UPDATE SET token = excluded.token"
)

# SQLite has no trigger for several events: one per event, per row.
SQLITE_TRIGGERS = {
    f"{name}_{event.split()[0].lower()}": (event, table)
    for name, (events, table) in EVENTS.items()
    for event in events.split(" OR ")
}
TRIGGERS = tuple(SQLITE_TRIGGERS)
SQLITE_FORWARD = [
    f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {SQLITE_REPLACE}; END;"
    for name, (event, table) in SQLITE_TRIGGERS.items()
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {name};" for name in TRIGGERS]

POSTGRESQL_FORWARD = [
    f"""
    CREATE FUNCTION claims_scope_statements() RETURNS trigger AS $$
    BEGIN
        {POSTGRESQL_REPLACE};
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """,
    *(
        f"CREATE TRIGGER {name} AFTER {event} ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION claims_scope_statements();"
        for name, (event, table) in EVENTS.items()
    ),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table};" for name, (_, table) in EVENTS.items()),
    "DROP FUNCTION IF EXISTS claims_scope_statements();",
]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


def switch(connection, *, on: bool) -> None:
    """Off for a bulk load (inside its transaction), back on after it with a new token."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name, (_, table) in EVENTS.items():
                cursor.execute(
                    f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} TRIGGER {name}"
                )
            if on:
                cursor.execute(POSTGRESQL_REPLACE)
        else:
            for sql in SQLITE_FORWARD if on else SQLITE_REVERSE:
                cursor.execute(sql)
            if on:
                cursor.execute(SQLITE_REPLACE)
