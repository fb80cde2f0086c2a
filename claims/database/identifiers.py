"""Expressions for the check constraints on identifiers from other records (Wikidata).

Written with functions SQLite and PostgreSQL share, so the constraint is one
definition and holds for every writer, raw SQL included; a REGEXP check would need a
function that only Django's own SQLite connections register.
"""

from __future__ import annotations

from django.db import models
from django.db.models import functions, lookups


class WithoutLeadingDigits(models.Func):
    """The text with its leading digits removed: ltrim(text, '0123456789'); the empty
    string when the text is all digits."""

    function = "LTRIM"
    output_field = models.CharField()

    def __init__(self, expression, **extra):
        super().__init__(expression, models.Value("0123456789"), **extra)


def wikidata_id_is_valid(field: str) -> models.Q:
    """Empty, or Q followed by digits with no leading zero (Q794, not Q0794 or q794)."""
    number = functions.Substr(field, 2)
    return models.Q(**{field: ""}) | models.Q(
        lookups.Exact(functions.Left(field, 1), "Q"),
        lookups.GreaterThan(functions.Length(field), 1),
        lookups.GreaterThan(functions.Left(number, 1), "0"),
        lookups.Exact(WithoutLeadingDigits(number), ""),
    )


# Adding a column or a check constraint to a table on SQLite makes Django rebuild the
# table, which drops the triggers kept on it (claims_actor has the spokesperson rule's)
# and fails on those of other tables that name it. So on SQLite the column is added in
# place and the check is a trigger pair saying the same as wikidata_id_is_valid.
ADD_COLUMN = "ALTER TABLE {table} ADD COLUMN {column} varchar({length}) NOT NULL DEFAULT ''"
WIKIDATA_MESSAGE = "a Wikidata id is Q followed by digits, with no leading zero"
SQLITE_INVALID_WIKIDATA_ID = """
    NEW.{column} <> '' AND NOT (
        substr(NEW.{column}, 1, 1) = 'Q' AND length(NEW.{column}) > 1
        AND substr(NEW.{column}, 2, 1) BETWEEN '1' AND '9'
        AND ltrim(substr(NEW.{column}, 2), '0123456789') = ''
    )"""


def add_text_column(schema_editor, table: str, column: str, length: int) -> None:
    """A NOT NULL text column, empty in every row, added without rebuilding the table."""
    schema_editor.execute(ADD_COLUMN.format(table=table, column=column, length=length))
    if schema_editor.connection.vendor == "postgresql":
        # Django keeps no database default: the model supplies the value.
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")


def wikidata_check_triggers(table: str, column: str) -> list[str]:
    """SQLite's triggers for wikidata_id_is_valid on table.column."""
    return [
        f"""
        CREATE TRIGGER {table}_{column}_valid_{event.lower()}
        BEFORE {event}{f" OF {column}" if event == "UPDATE" else ""} ON {table}
        FOR EACH ROW WHEN {SQLITE_INVALID_WIKIDATA_ID.format(column=column)}
        BEGIN
            SELECT RAISE(ABORT, 'CHECK constraint failed: {WIKIDATA_MESSAGE}');
        END;
        """
        for event in ("INSERT", "UPDATE")
    ]
