"""Writing the corpus tables in bulk: COPY through psycopg 3 on PostgreSQL, executemany
on SQLite, with explicit ids; and the deletes and checks around a load."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    MergedActor,
    MergedClaim,
    Quote,
    Statement,
)
from sources.models import Article, Outlet

CORPUS_MODELS = (Outlet, Article, Actor, ActorAlias, Claim, Statement, Quote)


def _columns(model, names: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in names]


OUTLET_FIELDS = ("id", "name", "slug", "url", "note", "version")
# Every column is named, with its value, even an empty one: a column COPY leaves out is
# NULL on PostgreSQL, whatever Django's default (wikidata_id, archive_url).
ACTOR_FIELDS = (
    "id",
    "name",
    "slug",
    "kind",
    "speaks_for",
    "description",
    "note",
    "version",
    "wikidata_id",
)
ALIAS_FIELDS = ("id", "actor", "name")
CLAIM_FIELDS = ("id", "slug", "text", "note", "version")
ARTICLE_FIELDS = (
    "id",
    "outlet",
    "title",
    "url",
    "published_on",
    "language",
    "body",
    "note",
    "version",
    "archive_url",
)
STATEMENT_FIELDS = (
    "id",
    "actor",
    "party",
    "speaker",
    "claim",
    "stance",
    "made_on",
    "made_on_precision",
    "date_wording",
    "note",
    "created_at",
    "updated_at",
    "version",
)
QUOTE_FIELDS = ("id", "statement", "article", "start", "end", "text", "prefix", "suffix", "version")


class Writer:
    def __init__(self, connection):
        self.connection = connection
        self.qn = connection.ops.quote_name

    def write(self, model, fields: Sequence[str], rows: Iterable[Sequence]) -> None:
        raise NotImplementedError


class PostgresWriter(Writer):
    def write(self, model, fields, rows) -> None:
        columns = ", ".join(self.qn(c) for c in _columns(model, fields))
        sql = f"COPY {self.qn(model._meta.db_table)} ({columns}) FROM STDIN"
        with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


class SqliteWriter(Writer):
    def write(self, model, fields, rows) -> None:
        columns = ", ".join(self.qn(c) for c in _columns(model, fields))
        marks = ", ".join("?" * len(fields))
        sql = f"INSERT INTO {self.qn(model._meta.db_table)} ({columns}) VALUES ({marks})"
        with self.connection.cursor() as cursor:
            # Django's cursor wrapper expects %s; go to the sqlite3 cursor directly.
            cursor.cursor.executemany(sql, rows)


def existing_rows(using: str = "default") -> dict[str, int]:
    counts = {}
    for model in (Statement, Quote, Article, Actor, Claim, Outlet):
        counts[model._meta.verbose_name_plural] = model.objects.using(using).count()
    return {name: n for name, n in counts.items() if n}


def _history_models():
    return [model.history.model for model in (*CORPUS_MODELS, MergedActor, MergedClaim)]


def delete_all(connection) -> None:
    """Delete the corpus tables' rows and their history (ids restart at 1)."""
    models = [Quote, Statement, Article, ActorAlias, MergedActor, MergedClaim, Actor, Claim, Outlet]
    tables = [m._meta.db_table for m in [*models, *_history_models()]]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(qn(t) for t in tables)} RESTART IDENTITY CASCADE")
            return
        cursor.execute(f"UPDATE {qn(Actor._meta.db_table)} SET speaks_for_id = NULL")
        for table in tables:
            cursor.execute(f"DELETE FROM {qn(table)}")
        marks = ", ".join("%s" for _ in tables)
        cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({marks})", tables)


BAD_QUOTES_SQL = """
    SELECT q.id FROM {quote} q JOIN {article} a ON a.id = q.article_id
    WHERE q."end" > char_length(a.body)
       OR substr(a.body, q.start + 1, q."end" - q.start) IS DISTINCT FROM q.text
    LIMIT 10
"""


def bad_quote_ids(connection) -> list[int]:
    """Every quote checked against its article body in one query."""
    sql = BAD_QUOTES_SQL.format(
        quote=connection.ops.quote_name(Quote._meta.db_table),
        article=connection.ops.quote_name(Article._meta.db_table),
    )
    if connection.vendor == "sqlite":
        sql = sql.replace("char_length(", "length(")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]
