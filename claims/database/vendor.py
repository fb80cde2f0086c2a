from __future__ import annotations

import datetime


def run_for_vendor(schema_editor, statements: dict[str, list[str]]) -> None:
    """Run the SQL written for this database's vendor (none for others)."""
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def as_date(value: datetime.date | str) -> datetime.date:
    """A date read by a raw query: SQLite's driver gives its ISO text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value
