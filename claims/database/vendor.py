from __future__ import annotations

import datetime


def run_for_vendor(schema_editor, statements: dict[str, list[str]]) -> None:
    """Run the SQL written for this database's vendor (none for others)."""
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def switch_triggers(
    cursor, vendor: str, on: bool, *, postgresql: dict[str, str], sqlite: tuple[list, list]
) -> None:
    """Turn a set of triggers off for a bulk load, inside its transaction, or back on:
    on PostgreSQL each trigger (name: table) is disabled or enabled; SQLite has no such
    switch, so its triggers are dropped and created again (`sqlite`: forward, reverse)."""
    if vendor == "postgresql":
        state = "ENABLE" if on else "DISABLE"
        for name, table in postgresql.items():
            cursor.execute(f"ALTER TABLE {table} {state} TRIGGER {name}")
    else:
        forward, reverse = sqlite
        for sql in forward if on else reverse:
            cursor.execute(sql)


def as_date(value: datetime.date | str) -> datetime.date:
    """A date read by a raw query: SQLite's driver gives its ISO text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value
