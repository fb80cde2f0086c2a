"""Triggers that keep the statement tallies exact on every write.

A statement carries tags, one per facet value it is listed under: its actors (party,
actor and speaker, as the actor filter matches them), its speaker, stance, claim, year
and the outlets of its quotes, plus the empty tag every statement has. The tally table
counts statements per ordered pair of tags of different facets, so

- ('', '') paired with (stance, 'denied') is how many statements deny anything,
- (stance, 'denied') paired with (claim, '17') is how many deny claim 17,

which is every count the statement list shows with no filter or one filter. The tags
last counted are kept in claims_statementtag: a write re-tallies the statements it
touches by taking away the pairs of their stored tags and adding the pairs of their tags
now, in the same transaction, so a count is exact as of every commit, whatever wrote:
the ORM, bulk writes, merges, raw SQL or another client.

PostgreSQL re-tallies once per SQL statement (statement-level triggers with transition
tables, so a COPY or an UPDATE of many rows is one set-based pass) and applies the
changes in key order, so concurrent writers wait for each other instead of deadlocking.
SQLite re-tallies per row. Bulk loads (claims.corpus) switch the triggers off and
`rebuild` everything once at the end.
"""

from __future__ import annotations

from claims.database import record_tokens, statement_token
from claims.database.vendor import run_for_vendor, switch_triggers

MIGRATION = "0012_statement_tallies"
TALLY = "claims_tally"
TAGS = "claims_statementtag"
FACETS = ("", "actor", "speaker", "stance", "claim", "outlet", "year")

YEAR = {
    "sqlite": "CAST(CAST(strftime('%Y', s.made_on) AS INTEGER) AS TEXT)",
    "postgresql": "CAST(CAST(EXTRACT(YEAR FROM s.made_on) AS INTEGER) AS TEXT)",
}


def tags_sql(vendor: str, ids: str | None) -> str:
    """SELECT statement_id, facet, value: the current tags of the statements whose id is
    in `ids` (an SQL list or subquery), or of every statement for None."""
    where = f"s.id IN ({ids})" if ids else "TRUE"
    quoted = f"q.statement_id IN ({ids})" if ids else "TRUE"
    text = "CAST({} AS TEXT)"
    branches = [
        ("''", "TRUE"),
        ("'actor'", "TRUE", text.format("s.party_id")),
        ("'actor'", "s.actor_id <> s.party_id", text.format("s.actor_id")),
        (
            "'actor'",
            "s.speaker_id IS NOT NULL AND s.speaker_id <> s.party_id"
            " AND s.speaker_id <> s.actor_id",
            text.format("s.speaker_id"),
        ),
        ("'speaker'", "s.speaker_id IS NOT NULL", text.format("s.speaker_id")),
        ("'stance'", "TRUE", "s.stance"),
        ("'claim'", "TRUE", text.format("s.claim_id")),
        ("'year'", "TRUE", YEAR[vendor]),
    ]
    selects = []
    for facet, condition, *value in branches:
        value = value[0] if value else "''"
        selects.append(
            f"SELECT s.id AS statement_id, {facet} AS facet, {value} AS value"
            f" FROM claims_statement s WHERE {where} AND {condition}"
        )
    selects.append(
        "SELECT DISTINCT q.statement_id, 'outlet', CAST(a.outlet_id AS TEXT)"
        " FROM claims_quote q JOIN sources_article a ON a.id = q.article_id"
        f" WHERE {quoted}"
    )
    return "\nUNION ALL ".join(selects)


def pairs_sql(tags: str, ids: str | None, sign: str) -> str:
    """SELECT the tally key and sign * count for every pair of tags in `tags` (a table
    or subquery of statement_id, facet, value) of the statements in `ids`."""
    where = f"a.statement_id IN ({ids})" if ids else "TRUE"
    return f"""
        SELECT a.facet, a.value, b.facet, b.value, {sign}COUNT(*)
        FROM {tags} a JOIN {tags} b
          ON b.statement_id = a.statement_id AND b.facet <> a.facet AND b.facet <> ''
        WHERE {where}
        GROUP BY a.facet, a.value, b.facet, b.value
    """


UPSERT = f"""
    INSERT INTO {TALLY} (facet_a, value_a, facet_b, value_b, statements)
    {{pairs}}
    ON CONFLICT (facet_a, value_a, facet_b, value_b)
    DO UPDATE SET statements = {TALLY}.statements + excluded.statements
"""


def rebuild_sql(vendor: str) -> list[str]:
    """Every tally and tag computed afresh from the statements (after a bulk load)."""
    return [
        f"DELETE FROM {TALLY}",
        f"DELETE FROM {TAGS}",
        # In statement order, so that a statement's tags sit together.
        f"INSERT INTO {TAGS} (statement_id, facet, value)"
        f" SELECT * FROM ({tags_sql(vendor, None)}) AS tags ORDER BY statement_id",
        f"""INSERT INTO {TALLY} (facet_a, value_a, facet_b, value_b, statements)
            {pairs_sql(TAGS, None, "")}""",
    ]


def rebuild(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Grouping the pairs of a million statements' tags spills to disk with the
            # default 4 MB; this transaction only.
            cursor.execute("SET LOCAL work_mem = '512MB'")
        for sql in rebuild_sql(connection.vendor):
            cursor.execute(sql)


# ------------------------------------------------------------------------------ SQLite


def _sqlite_retally(ids: str) -> str:
    return ";\n".join(
        [
            UPSERT.format(pairs=pairs_sql(TAGS, ids, "-")),
            f"DELETE FROM {TAGS} WHERE statement_id IN ({ids})",
            f"INSERT INTO {TAGS} (statement_id, facet, value) {tags_sql('sqlite', ids)}",
            UPSERT.format(pairs=pairs_sql(TAGS, ids, "")),
        ]
    )


STATEMENT_COLUMNS = "actor_id, party_id, speaker_id, claim_id, stance, made_on"
SQLITE_EVENTS = {
    # trigger name: (event, table, the ids of the statements to re-tally)
    "claims_tally_statement_insert": ("INSERT", "claims_statement", "NEW.id"),
    "claims_tally_statement_update": (
        f"UPDATE OF {STATEMENT_COLUMNS}",
        "claims_statement",
        "OLD.id, NEW.id",
    ),
    "claims_tally_statement_delete": ("DELETE", "claims_statement", "OLD.id"),
    "claims_tally_quote_insert": ("INSERT", "claims_quote", "NEW.statement_id"),
    "claims_tally_quote_update": (
        "UPDATE OF statement_id, article_id",
        "claims_quote",
        "OLD.statement_id, NEW.statement_id",
    ),
    "claims_tally_quote_delete": ("DELETE", "claims_quote", "OLD.statement_id"),
    "claims_tally_article_update": (
        "UPDATE OF outlet_id",
        "sources_article",
        "SELECT statement_id FROM claims_quote WHERE article_id = NEW.id",
    ),
}
TRIGGERS = tuple(SQLITE_EVENTS)

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW
    BEGIN
        {_sqlite_retally(ids)};
    END;
    """
    for name, (event, table, ids) in SQLITE_EVENTS.items()
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {name};" for name in TRIGGERS]

# -------------------------------------------------------------------------- PostgreSQL

POSTGRESQL_RETALLY = f"""
    CREATE FUNCTION claims_retally(ids bigint[]) RETURNS void AS $$
    BEGIN
        IF cardinality(ids) = 0 THEN
            RETURN;
        END IF;
        -- One statement: the tags replaced, and the difference between the pairs of the
        -- old and the new tags applied to the tallies in key order.
        WITH gone AS (
            DELETE FROM {TAGS} WHERE statement_id = ANY(ids)
            RETURNING statement_id, facet, value
        ), fresh AS (
            INSERT INTO {TAGS} (statement_id, facet, value)
            {tags_sql("postgresql", "SELECT unnest(ids)")}
            RETURNING statement_id, facet, value
        )
        INSERT INTO {TALLY} (facet_a, value_a, facet_b, value_b, statements)
        SELECT fa, va, fb, vb, sum(n) FROM (
            {pairs_sql("gone", None, "-")}
            UNION ALL
            {pairs_sql("fresh", None, "")}
        ) AS delta (fa, va, fb, vb, n)
        GROUP BY fa, va, fb, vb
        HAVING sum(n) <> 0
        ORDER BY fa, va, fb, vb
        ON CONFLICT (facet_a, value_a, facet_b, value_b)
        DO UPDATE SET statements = {TALLY}.statements + excluded.statements;
    END;
    $$ LANGUAGE plpgsql;
"""

# trigger: (event, table, the ids to re-tally, from the transition tables)
POSTGRESQL_EVENTS = {
    "claims_tally_statement_insert": (
        "INSERT",
        "claims_statement",
        "NEW TABLE AS new_rows",
        "SELECT id FROM new_rows",
    ),
    "claims_tally_statement_update": (
        "UPDATE",
        "claims_statement",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id"
        " WHERE (o.actor_id, o.party_id, o.speaker_id, o.claim_id, o.stance, o.made_on)"
        " IS DISTINCT FROM"
        " (n.actor_id, n.party_id, n.speaker_id, n.claim_id, n.stance, n.made_on)",
    ),
    "claims_tally_statement_delete": (
        "DELETE",
        "claims_statement",
        "OLD TABLE AS old_rows",
        "SELECT id FROM old_rows",
    ),
    "claims_tally_quote_insert": (
        "INSERT",
        "claims_quote",
        "NEW TABLE AS new_rows",
        "SELECT statement_id FROM new_rows",
    ),
    "claims_tally_quote_update": (
        "UPDATE",
        "claims_quote",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "SELECT o.statement_id FROM old_rows o JOIN new_rows n ON n.id = o.id"
        " WHERE (o.statement_id, o.article_id) IS DISTINCT FROM (n.statement_id, n.article_id)"
        " UNION SELECT n.statement_id FROM old_rows o JOIN new_rows n ON n.id = o.id"
        " WHERE (o.statement_id, o.article_id) IS DISTINCT FROM (n.statement_id, n.article_id)",
    ),
    "claims_tally_quote_delete": (
        "DELETE",
        "claims_quote",
        "OLD TABLE AS old_rows",
        "SELECT statement_id FROM old_rows",
    ),
    "claims_tally_article_update": (
        "UPDATE",
        "sources_article",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "SELECT q.statement_id FROM claims_quote q"
        " JOIN new_rows n ON n.id = q.article_id JOIN old_rows o ON o.id = n.id"
        " WHERE o.outlet_id IS DISTINCT FROM n.outlet_id",
    ),
}
# Bulk loads disable these by name.
POSTGRESQL_TRIGGERS = {name: table for name, (_, table, _, _) in POSTGRESQL_EVENTS.items()}


def _postgresql_trigger(name: str, event: str, table: str, transition: str, ids: str) -> list[str]:
    return [
        f"""
        CREATE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
            PERFORM claims_retally(ARRAY(SELECT DISTINCT x FROM ({ids}) AS t (x)));
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql;
        """,
        f"""
        CREATE TRIGGER {name} AFTER {event} ON {table}
        REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}();
        """,
    ]


POSTGRESQL_FORWARD = [
    POSTGRESQL_RETALLY,
    *(
        sql
        for name, event in POSTGRESQL_EVENTS.items()
        for sql in _postgresql_trigger(name, *event)
    ),
]
POSTGRESQL_REVERSE = [
    *(
        sql
        for name, table in POSTGRESQL_TRIGGERS.items()
        for sql in (f"DROP TRIGGER IF EXISTS {name} ON {table};", f"DROP FUNCTION {name}();")
    ),
    "DROP FUNCTION IF EXISTS claims_retally(bigint[]);",
]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})
    rebuild(schema_editor.connection)  # the statements already there


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


def switch_off(connection) -> None:
    """Stop the triggers for a bulk load, inside its transaction (a rollback brings them
    back); `switch_on` puts them back and recounts everything in one pass."""
    _switch(connection, on=False)


def switch_on(connection) -> None:
    _switch(connection, on=True)
    rebuild(connection)


def _switch(connection, *, on: bool) -> None:
    statement_token.switch(connection, on=on)
    record_tokens.switch(connection, on=on)
    with connection.cursor() as cursor:
        switch_triggers(
            cursor,
            connection.vendor,
            on,
            postgresql=POSTGRESQL_TRIGGERS,
            sqlite=(SQLITE_FORWARD, SQLITE_REVERSE),
        )
