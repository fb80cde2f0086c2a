"""Generate the corpus and load it (`generate()`), with a progress line.

Loading: COPY through psycopg 3 on PostgreSQL, executemany on SQLite, with explicit ids
and sequences reset afterwards, in one transaction. No simple-history rows are written.

The corpus's shape is described in `shape`; how it stays deterministic, in `statements`.
"""

from __future__ import annotations

import itertools
import math
import sys
import time

from django.core.management.color import no_style
from django.db import connections, transaction

from claims import cached
from claims.corpus.cast import build_cast
from claims.corpus.shape import BLOCK, CorpusError, Report, Sizes
from claims.corpus.statements import PendingQuote, StatementMaker, build_article
from claims.corpus.words import phrases_for
from claims.corpus.writers import (
    ACTOR_FIELDS,
    ALIAS_FIELDS,
    ARTICLE_FIELDS,
    CLAIM_FIELDS,
    CORPUS_MODELS,
    OUTLET_FIELDS,
    QUOTE_FIELDS,
    STATEMENT_FIELDS,
    PostgresWriter,
    SqliteWriter,
    bad_quote_ids,
    delete_all,
    existing_rows,
)
from claims.database import quote_body, tallies
from claims.database import search as search_sql
from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from sources.models import Article, Outlet

QUOTE_TRIGGER = quote_body.POSTGRESQL_TRIGGER


def generate(
    statements: int,
    seed: int = 1,
    *,
    batch: int = 10_000,
    force_empty: bool = False,
    keep_quote_trigger: bool = False,
    progress: bool = True,
    stream=None,
    using: str = "default",
) -> Report:
    """Generate and load the corpus; see the module docstring."""
    if statements < 1:
        raise CorpusError("Give a positive number of statements.")
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise CorpusError(f"Unsupported database vendor {vendor!r}.")
    sizes = Sizes.for_statements(statements)
    report = Report(sizes, seed)
    present = existing_rows(using)
    if present and not force_empty:
        listed = ", ".join(f"{n:,} {name}" for name, n in present.items())
        raise CorpusError(
            f"The database already holds data ({listed}). generate_corpus loads into an "
            "empty database; give --force-empty to delete all outlets, articles, actors, "
            "claims, statements and quotes (and their history) first."
        )
    clock = time.monotonic()
    cast = build_cast(sizes, seed)
    phrases = phrases_for(seed)
    maker = StatementMaker(sizes, seed, cast, phrases)
    report.seconds["prepare"] = time.monotonic() - clock
    writer = (PostgresWriter if vendor == "postgresql" else SqliteWriter)(connection)
    bar = Progress(statements, stream, progress)
    qn = connection.ops.quote_name
    quote_table = qn(Quote._meta.db_table)

    with transaction.atomic(using=using), connection.cursor() as cursor:
        clock = time.monotonic()
        # Counted once at the end, in one pass, instead of statement by statement.
        tallies.switch_off(connection)
        if present:
            delete_all(connection)
            report.notes.append("Deleted the existing data first (--force-empty).")
        report.seconds["delete"] = time.monotonic() - clock
        trigger_disabled = False
        if vendor == "postgresql":
            # Foreign keys are checked row by row as COPY goes, not queued to the commit.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if not keep_quote_trigger:
                # Inside this transaction: if the load fails or is killed, the trigger
                # comes back with the rollback. Every quote is checked below instead.
                cursor.execute(f"ALTER TABLE {quote_table} DISABLE TRIGGER {QUOTE_TRIGGER}")
                trigger_disabled = True
        else:
            # A bigger page cache for this connection keeps the index inserts in memory.
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -524288")  # 512 MB
            # The FTS index is rebuilt once at the end instead of row by row.
            for sql in search_sql.SQLITE_REVERSE[:3]:
                cursor.execute(sql)
        try:
            clock = time.monotonic()
            _load(writer, sizes, cast, maker, phrases, seed, batch, bar, report)
            report.seconds["load"] = time.monotonic() - clock
            clock = time.monotonic()
            if trigger_disabled:
                bad = bad_quote_ids(connection)
                if bad:
                    raise CorpusError(f"Generated quotes do not match their bodies: {bad}")
                report.notes.append(
                    "The quote trigger was disabled during the load (inside its transaction) "
                    f"and all {report.counts['quotes']:,} quotes were verified with one "
                    "query afterwards: every substr(body, start + 1, end - start) = text."
                )
            report.seconds["verify"] = time.monotonic() - clock
        finally:
            # After a failure the rollback restores the trigger (and SQLite's search
            # triggers) by itself; an aborted PostgreSQL transaction refuses any command.
            if trigger_disabled and not _transaction_failed(connection):
                cursor.execute(f"ALTER TABLE {quote_table} ENABLE TRIGGER {QUOTE_TRIGGER}")
        if vendor == "sqlite":
            clock = time.monotonic()
            for sql in search_sql.SQLITE_FORWARD[1:]:  # triggers, then rebuild
                cursor.execute(sql)
            report.seconds["search index"] = time.monotonic() - clock
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        clock = time.monotonic()
        tallies.switch_on(connection)
        report.seconds["tallies"] = time.monotonic() - clock
        for sql in connection.ops.sequence_reset_sql(no_style(), CORPUS_MODELS):
            cursor.execute(sql)

    clock = time.monotonic()
    with connection.cursor() as cursor:
        tables = ", ".join(qn(m._meta.db_table) for m in CORPUS_MODELS)
        if vendor == "postgresql":
            if connection.in_atomic_block:  # e.g. inside a test: VACUUM cannot run there
                cursor.execute(f"ANALYZE {tables}")
            else:
                cursor.execute(f"VACUUM (ANALYZE) {tables}")
            report.seconds["analyze"] = time.monotonic() - clock
    cached.data_changed()  # COPY and bulk inserts send no signal
    return report


def _transaction_failed(connection) -> bool:
    from psycopg.pq import TransactionStatus

    return connection.connection.info.transaction_status == TransactionStatus.INERROR


def _load(writer, sizes, cast, maker, phrases, seed, batch, bar, report) -> None:
    writer.write(Outlet, OUTLET_FIELDS, [(i, n, s, u, "", 1) for i, n, s, u in cast.outlets])
    # Persons after the parties they speak for: ids are in that order already.
    writer.write(Actor, ACTOR_FIELDS, [(*a, "", 1, "") for a in cast.actors])
    writer.write(ActorAlias, ALIAS_FIELDS, cast.aliases)
    writer.write(Claim, CLAIM_FIELDS, [(*c, "", 1) for c in cast.claims])

    bar.started = time.monotonic()
    pending: dict[int, list[PendingQuote]] = {}
    next_article = 0  # articles before this one are written
    quote_id = itertools.count(1)
    counts = {"statements": 0, "articles": 0, "quotes": 0}
    statement_rows: list[tuple] = []

    def flush(complete_before: int) -> None:
        nonlocal next_article, statement_rows
        writer.write(Statement, STATEMENT_FIELDS, statement_rows)
        counts["statements"] += len(statement_rows)
        statement_rows = []
        articles, quotes = [], []
        for index in range(next_article, complete_before):
            article, rows = build_article(index, pending.pop(index, []), seed, cast, phrases, sizes)
            articles.append(article)
            quotes.extend((next(quote_id), *row, 1) for row in rows)
        next_article = complete_before
        writer.write(Article, ARTICLE_FIELDS, [(*article, "") for article in articles])
        writer.write(Quote, QUOTE_FIELDS, quotes)
        counts["articles"] += len(articles)
        counts["quotes"] += len(quotes)
        bar.update(
            counts["statements"],
            f"| {counts['quotes']:,} quotes, {counts['articles']:,} articles |",
        )

    blocks = math.ceil(sizes.statements / BLOCK)
    for number in range(blocks):
        for row, quotes in maker.block(number):
            statement_rows.append(row)
            for article, quote in quotes:
                pending.setdefault(article, []).append(quote)
        if len(statement_rows) >= batch or number == blocks - 1:
            last_index = min(sizes.statements, (number + 1) * BLOCK) - 1
            done = number == blocks - 1
            flush(sizes.articles if done else maker.first_article(last_index))
    bar.finish(
        counts["statements"], f"| {counts['quotes']:,} quotes, {counts['articles']:,} articles |"
    )
    counts.update(
        outlets=len(cast.outlets),
        actors=len(cast.actors),
        aliases=len(cast.aliases),
        claims=len(cast.claims),
    )
    report.counts.update(counts)


class Progress:
    """One line on stderr: counts, rate and ETA (redrawn with \\r on a terminal, else a
    line every few seconds)."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.total, self.stream, self.enabled = total, stream or sys.stderr, enabled
        self.started = time.monotonic()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.last = self.started

    def update(self, done: int, detail: str = "", force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < (0.25 if self.tty else 5.0):
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate else 0
        share = done / self.total if self.total else 1
        bar = "#" * int(share * 24)
        line = (
            f"[{bar:<24}] {done:,}/{self.total:,} statements ({share:.0%}) {detail} "
            f"{rate:,.0f}/s, ETA {_clock(eta)}"
        )
        self.stream.write(("\r" + line + "\033[K") if self.tty else line + "\n")
        self.stream.flush()

    def finish(self, done: int, detail: str = "") -> None:
        self.update(done, detail, force=True)
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
