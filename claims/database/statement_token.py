"""Triggers that replace the "statements" and "search" tokens on every write that can
change what the statement list, its facets, a search or the home page show.

claims.cached keys those aggregates by this token (a row of claims_scopeversion). The
triggers replace it in the writer's transaction, whatever wrote (the ORM, bulk writes,
merges, raw SQL, another client), so a reader sees the new token exactly when it sees
the write, and an aggregate cached before it is never read after it.

The writes: any insert, update or deletion of a statement or a quote (a quote's text is
what a search matches), and an article moving to another outlet; the "search" token only
for quotes and a statement's existence or date. On PostgreSQL the triggers run once per
SQL statement and, named to sort before the tally triggers, take the statements token's
row lock before any tally's: writers of statements wait for each other at their first
write instead of deadlocking over tallies. Bulk loads switch them off with the tallies
(claims.database.tallies) and replace both tokens once at the end.
"""

from __future__ import annotations

from claims.database.vendor import run_for_vendor, switch_triggers

MIGRATION = "0018_statement_token"
SCOPE = "statements"
# Replaced only when what a text search finds, or its order, may change: quotes, and a
# statement's existence or date; not a statement's stance or actor, which a search's
# matches do not depend on (its facet counts, cached under SCOPE, do).
SEARCH_SCOPE = "search"
TABLE = "claims_scopeversion"

# trigger name: (events, table, the scopes it replaces, in this order, and for an UPDATE
# the column whose change alone replaces them, or None for any update). On PostgreSQL a
# table's triggers fire in the order of their names, and every write that replaces the
# search token has replaced the statements token first: whoever holds the search
# token's row lock holds the statements token's, so writers cannot deadlock over them.
EVENTS = {
    "claims_scope_1_statement": (
        "INSERT OR UPDATE OR DELETE",
        "claims_statement",
        (SCOPE,),
        None,
    ),
    "claims_scope_2_statement_dated": (
        "INSERT OR DELETE",
        "claims_statement",
        (SEARCH_SCOPE,),
        None,
    ),
    # Django's save() sets every column, made_on included, so "UPDATE OF made_on" fired
    # on every stance edit: the search token follows a date that really changed.
    "claims_scope_3_statement_redated": ("UPDATE", "claims_statement", (SEARCH_SCOPE,), "made_on"),
    "claims_scope_quote": (
        "INSERT OR UPDATE OR DELETE",
        "claims_quote",
        (SCOPE, SEARCH_SCOPE),
        None,
    ),
    "claims_scope_article": ("UPDATE", "sources_article", (SCOPE,), "outlet_id"),
}

TOKEN = {
    "sqlite": "lower(hex(randomblob(16)))",
    "postgresql": "md5(random()::text || clock_timestamp()::text)",
}


def replace_sql(vendor: str, scopes) -> str:
    values = ", ".join(f"('{scope}', {TOKEN[vendor]})" for scope in scopes)
    return (
        f"INSERT INTO {TABLE} (scope, token) VALUES {values}"
        " ON CONFLICT (scope) DO UPDATE SET token = excluded.token"
    )


ALL_SCOPES = (SCOPE, SEARCH_SCOPE)  # in lock order

# SQLite has no trigger for several events: one per event, per row.
SQLITE_TRIGGERS = {
    f"{name}_{event.split()[0].lower()}": (event, table, scopes, column)
    for name, (events, table, scopes, column) in EVENTS.items()
    for event in events.split(" OR ")
}
TRIGGERS = tuple(SQLITE_TRIGGERS)


def sqlite_trigger(name: str, event: str, table: str, scopes, column: str | None) -> str:
    when = f" WHEN OLD.{column} IS NOT NEW.{column}" if column else ""
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when}"
        f" BEGIN {replace_sql('sqlite', scopes)}; END;"
    )


SQLITE_FORWARD = [sqlite_trigger(name, *spec) for name, spec in SQLITE_TRIGGERS.items()]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {name};" for name in TRIGGERS]


def postgresql_function(name: str, scopes, column: str | None) -> str:
    replace = f"{replace_sql('postgresql', scopes)};"
    if column:  # once per SQL statement, when a row of it changed the column
        replace = f"""IF EXISTS (
                SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE o.{column} IS DISTINCT FROM n.{column}
            ) THEN
                {replace}
            END IF;"""
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
            {replace}
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql;
        """


def postgresql_trigger(name: str, events: str, table: str, column: str | None) -> str:
    # Transition tables take no column list: the function compares the rows itself.
    rows = " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows" if column else ""
    return (
        f"CREATE TRIGGER {name} AFTER {events} ON {table}{rows}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}();"
    )


POSTGRESQL_FORWARD = [
    *(postgresql_function(name, scopes, column) for name, (_, _, scopes, column) in EVENTS.items()),
    *(
        postgresql_trigger(name, events, table, column)
        for name, (events, table, _, column) in EVENTS.items()
    ),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table};" for name, (_, table, _, _) in EVENTS.items()),
    *(f"DROP FUNCTION IF EXISTS {name}();" for name in EVENTS),
]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


# Migration 0018's SQLite trigger for "UPDATE OF made_on", replaced in 0020 by one that
# compares the dates (PostgreSQL's triggers and functions kept their names).
RETIRED_SQLITE = ["DROP TRIGGER IF EXISTS claims_scope_2_statement_dated_update;"]


def recreate(apps, schema_editor):
    """Migration 0020: the triggers of 0018 replaced by these."""
    run_for_vendor(
        schema_editor,
        {
            "sqlite": [*RETIRED_SQLITE, *SQLITE_REVERSE, *SQLITE_FORWARD],
            "postgresql": [*POSTGRESQL_REVERSE, *POSTGRESQL_FORWARD],
        },
    )


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


def switch(connection, *, on: bool) -> None:
    """Off for a bulk load (inside its transaction), back on after it with new tokens."""
    with connection.cursor() as cursor:
        switch_triggers(
            cursor,
            connection.vendor,
            on,
            postgresql={name: table for name, (_, table, _, _) in EVENTS.items()},
            sqlite=(SQLITE_FORWARD, SQLITE_REVERSE),
        )
        if on:
            cursor.execute(replace_sql(connection.vendor, ALL_SCOPES))
