"""Where the time goes: each page once in process, cold (right after a committed write),
with its queries captured, and the plans of the slowest ones. Run inside Django through
servers.helper (`_profile`)."""

from __future__ import annotations

import time

from bench import HOST, setup_django
from bench.writer import Flipper


def profile(payload: dict) -> dict:
    """Each page once in process, right after a write: its queries, their time, and the
    slowest ones' plans (EXPLAIN ANALYZE on PostgreSQL, bounded by a statement timeout;
    plain EXPLAIN when that runs out)."""
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, raise_request_exception=True)
    flipper = Flipper(f"profile:{payload.get('seed', 1)}")
    # One request first, so the first page's figures are not the process's own warm-up
    # (imports, templates); its cached aggregates are void after the next write anyway.
    client.get(next(iter(payload["pages"].values()), "/"))
    pages = {}
    for name, path in payload["pages"].items():
        flipper.write()
        error = ""
        captured = CaptureQueriesContext(connection)
        started = time.perf_counter()
        status = None
        try:
            with captured:
                response = client.get(path)
                status = response.status_code
                if getattr(response, "streaming", False):
                    for _ in response.streaming_content:
                        pass
        except Exception as exc:  # e.g. the statement timeout
            error = f"{type(exc).__name__}: {str(exc).strip()[:300]}"
        total = time.perf_counter() - started
        queries = [(float(q["time"]), q["sql"]) for q in captured.captured_queries]
        slowest = sorted(queries, key=lambda q: -q[0])[: payload.get("top", 3)]
        explained = []
        for rank, (seconds, sql) in enumerate(slowest):
            plan = ""
            wanted = payload.get("explain") and name in payload.get("explain_pages", ())
            if wanted and rank < 2 and sql.lstrip().upper().startswith("SELECT"):
                plan = explain(connection, sql, payload.get("explain_timeout", 60))
            explained.append({"seconds": seconds, "sql": sql, "plan": plan})
        pages[name] = {
            "path": path,
            "status": status,
            "error": error,
            "seconds": total,
            "queries": len(queries),
            "query_seconds": sum(q[0] for q in queries),
            "slowest": explained,
        }
    flipper.finish()
    return {"pages": pages}


def explain(connection, sql: str, timeout: float) -> str:
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(" " * 2 * (row[1] > 0) + row[-1] for row in cursor.fetchall())
        cursor.execute(f"SET statement_timeout = {int(timeout * 1000)}")
        try:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        except Exception:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            return f"(EXPLAIN ANALYZE gave up after {timeout:.0f}s; the plan alone:)\n{plan}"
