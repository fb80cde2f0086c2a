"""Triggers that replace the tokens of a statement's claim and actors ("claim:17",
"actor:4": its actor, party and speaker) on every write to the statement or its quotes.

claims.cached keys what one claim's or one actor's page shows (its timeline, its
position changes, its history's claims and rows) by these tokens, so a write to one
statement leaves every other claim's and actor's page warm. The triggers replace them
in the writer's transaction whatever wrote (the ORM, bulk updates, merges, raw SQL), the
old claim's and actors' too when a statement moves, so a reader sees the new tokens
exactly when it sees the write. They sort after claims_scope_1_statement (PostgreSQL
fires a table's triggers in the order of their names): a writer holds the statements
token's row lock (claims.database.statement_token) before it takes any of these, so
writers of statements wait for each other there and never deadlock over these rows.
"""

from __future__ import annotations

from claims.database.statement_token import TABLE, TOKEN
from claims.database.vendor import run_for_vendor, switch_triggers

MIGRATION = "0021_record_tokens"
COLUMNS = (("claim", "claim_id"), ("actor", "party_id"), ("actor", "actor_id"))
SPEAKER = ("actor", "speaker_id")
STATEMENT_COLUMNS = ("claim_id", "party_id", "actor_id", "speaker_id")


def scopes_of(vendor: str, rows: str, *, through_quotes: bool = False) -> str:
    """SELECT scope: the claim and actor scopes of the statements in `rows` (rows of
    claims_statement, or of claims_quote when `through_quotes`)."""
    source = (
        f"{rows} q JOIN claims_statement s ON s.id = q.statement_id"
        if through_quotes
        else f"{rows} s"
    )
    text = "CAST(s.{} AS TEXT)" if vendor == "postgresql" else "s.{}"
    parts = [
        f"SELECT '{name}:' || {text.format(column)} AS scope FROM {source}"
        for name, column in COLUMNS
    ]
    name, column = SPEAKER
    parts.append(
        f"SELECT '{name}:' || {text.format(column)} FROM {source} WHERE s.{column} IS NOT NULL"
    )
    return " UNION ".join(parts)


def replace_sql(vendor: str, scopes: str) -> str:
    # "WHERE true": SQLite reads ON CONFLICT after a bare SELECT as a join's ON.
    return (
        f"INSERT INTO {TABLE} (scope, token)"
        f" SELECT scope, {TOKEN[vendor]} FROM ({scopes}) AS changed WHERE true ORDER BY scope"
        " ON CONFLICT (scope) DO UPDATE SET token = excluded.token"
    )


# trigger name: (event, table, whose rows: NEW, OLD or both).
EVENTS = {
    "claims_scope_4_records_statement_insert": ("INSERT", "claims_statement", ("NEW",)),
    "claims_scope_4_records_statement_update": ("UPDATE", "claims_statement", ("OLD", "NEW")),
    "claims_scope_4_records_statement_delete": ("DELETE", "claims_statement", ("OLD",)),
    "claims_scope_5_records_quote_insert": ("INSERT", "claims_quote", ("NEW",)),
    "claims_scope_5_records_quote_update": ("UPDATE", "claims_quote", ("OLD", "NEW")),
    "claims_scope_5_records_quote_delete": ("DELETE", "claims_quote", ("OLD",)),
}
TRANSITION = {"NEW": "new_rows", "OLD": "old_rows"}


def sqlite_trigger(name: str, event: str, table: str, whose) -> str:
    quotes = table == "claims_quote"
    rows = []
    for row in whose:  # the row as a one-row table, for scopes_of
        if quotes:
            rows.append(f"(SELECT {row}.statement_id AS statement_id)")
        else:
            columns = ", ".join(f"{row}.{c} AS {c}" for c in STATEMENT_COLUMNS)
            rows.append(f"(SELECT {columns})")
    scopes = " UNION ".join(scopes_of("sqlite", r, through_quotes=quotes) for r in rows)
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW"
        f" BEGIN {replace_sql('sqlite', scopes)}; END;"
    )


def postgresql_function(name: str, table: str, whose) -> str:
    quotes = table == "claims_quote"
    scopes = " UNION ".join(
        scopes_of("postgresql", TRANSITION[row], through_quotes=quotes) for row in whose
    )
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
            {replace_sql("postgresql", scopes)};
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql;
        """


def postgresql_trigger(name: str, event: str, table: str, whose) -> str:
    # A trigger with transition tables fires on one event only: three per table.
    referencing = " ".join(f"{row} TABLE AS {TRANSITION[row]}" for row in whose)
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {name}();"
    )


SQLITE_FORWARD = [sqlite_trigger(name, *spec) for name, spec in EVENTS.items()]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {name};" for name in EVENTS]
POSTGRESQL_FORWARD = [
    *(postgresql_function(name, table, whose) for name, (_, table, whose) in EVENTS.items()),
    *(postgresql_trigger(name, *spec) for name, spec in EVENTS.items()),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table};" for name, (_, table, _) in EVENTS.items()),
    *(f"DROP FUNCTION IF EXISTS {name}();" for name in EVENTS),
]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


def switch(connection, *, on: bool) -> None:
    """Off for a bulk load (inside its transaction); back on after it, with every
    claim's and actor's token replaced."""
    with connection.cursor() as cursor:
        switch_triggers(
            cursor,
            connection.vendor,
            on,
            postgresql={name: table for name, (_, table, _) in EVENTS.items()},
            sqlite=(SQLITE_FORWARD, SQLITE_REVERSE),
        )
        if on:
            cursor.execute(
                f"UPDATE {TABLE} SET token = {TOKEN[connection.vendor]}"
                " WHERE scope LIKE 'claim:%' OR scope LIKE 'actor:%'"
            )
