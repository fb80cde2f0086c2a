from __future__ import annotations


def run_for_vendor(schema_editor, statements: dict[str, list[str]]) -> None:
    """Run the SQL written for this database's vendor (none for others)."""
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)
