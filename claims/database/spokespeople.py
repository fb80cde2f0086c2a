"""Database triggers that keep "a person speaks for a state or organisation" true for
every write, bulk updates and raw SQL included (claims.models.Actor.clean says the same,
with names, for forms, the admin and the API).

Two rules: an actor people speak for keeps a state's or an organisation's kind, and a new
speaks_for points to a state or an organisation. A speaks_for whose actor is not there
yet (rows copied in bulk, any order) is left to the foreign key, which is checked at
commit.
"""

from __future__ import annotations

from claims.database.vendor import run_for_vendor

MIGRATION = "0010_spokesperson_rule"  # the migration that creates these triggers
MESSAGE = "a person speaks for a state or an organisation, never for any other kind of actor"
TRIGGERS = (
    "claims_actor_keeps_spokesbody_kind",
    "claims_actor_speaks_for_spokesbody_insert",
    "claims_actor_speaks_for_spokesbody_update",
)
KINDS = "('state', 'organisation')"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER claims_actor_keeps_spokesbody_kind
    BEFORE UPDATE OF kind ON claims_actor
    FOR EACH ROW
    WHEN NEW.kind NOT IN {KINDS}
        AND EXISTS (SELECT 1 FROM claims_actor WHERE speaks_for_id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END;
    """,
    *(
        f"""
        CREATE TRIGGER claims_actor_speaks_for_spokesbody_{event.lower()}
        BEFORE {event}{" OF speaks_for_id" if event == "UPDATE" else ""} ON claims_actor
        FOR EACH ROW
        WHEN NEW.speaks_for_id IS NOT NULL
            AND (SELECT kind FROM claims_actor WHERE id = NEW.speaks_for_id) NOT IN {KINDS}
        BEGIN
            SELECT RAISE(ABORT, '{MESSAGE}');
        END;
        """
        for event in ("INSERT", "UPDATE")
    ),
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {name};" for name in TRIGGERS]

POSTGRESQL_FORWARD = [
    f"""
    CREATE FUNCTION claims_actor_spokesbody_rule() RETURNS trigger AS $$
    BEGIN
        IF NEW.kind NOT IN {KINDS}
           AND EXISTS (SELECT 1 FROM claims_actor WHERE speaks_for_id = NEW.id) THEN
            RAISE EXCEPTION '{MESSAGE}'
                USING ERRCODE = 'check_violation',
                      DETAIL = 'actor ' || NEW.id || ' has spokespeople';
        END IF;
        IF NEW.speaks_for_id IS NOT NULL
           AND (SELECT kind FROM claims_actor WHERE id = NEW.speaks_for_id) NOT IN {KINDS} THEN
            RAISE EXCEPTION '{MESSAGE}'
                USING ERRCODE = 'check_violation',
                      DETAIL = 'actor ' || NEW.id || ' speaks for ' || NEW.speaks_for_id;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER claims_actor_spokesbody_rule
    BEFORE INSERT OR UPDATE OF kind, speaks_for_id ON claims_actor
    FOR EACH ROW EXECUTE FUNCTION claims_actor_spokesbody_rule();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_actor_spokesbody_rule ON claims_actor;",
    "DROP FUNCTION IF EXISTS claims_actor_spokesbody_rule();",
]


def create(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD})


def drop(apps, schema_editor):
    run_for_vendor(schema_editor, {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})
