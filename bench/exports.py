"""Export speed and the serving worker's memory, against COPY or a plain sqlite3 loop."""

from __future__ import annotations

import argparse
import csv
import sqlite3
import threading
import time

from bench import HOST, log
from bench.client import request
from bench.servers import Database, Server


def memory_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssSampler(threading.Thread):
    """Samples the workers' resident memory every 20 ms while an export streams."""

    def __init__(self, server: Server):
        super().__init__(daemon=True)
        self.server = server
        self.baseline = {pid: memory_kb(pid, "VmRSS") for pid in server.workers()}
        self.peak = dict(self.baseline)
        self.stopped = threading.Event()

    def run(self) -> None:
        pids, refreshed = list(self.baseline), time.monotonic()
        while not self.stopped.is_set():
            if time.monotonic() - refreshed > 1:
                pids, refreshed = self.server.workers(), time.monotonic()
            for pid in pids:
                rss = memory_kb(pid, "VmRSS")
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            time.sleep(0.02)

    def result(self) -> dict:
        self.stopped.set()
        self.join()
        growth = {pid: self.peak[pid] - self.baseline.get(pid, self.peak[pid]) for pid in self.peak}
        busiest = max(growth, key=growth.get)
        return {
            "growth_mb": growth[busiest] / 1024,
            "peak_rss_mb": self.peak[busiest] / 1024,
            "baseline_rss_mb": self.baseline.get(busiest, 0) / 1024,
            "vm_hwm_mb": memory_kb(busiest, "VmHWM") / 1024,
        }


def time_export(server: Server, path: str, header_lines: int) -> dict:
    lines = 0

    def count(chunk: bytes) -> None:
        nonlocal lines
        lines += chunk.count(b"\n")

    sampler = RssSampler(server)
    sampler.start()
    status, seconds, size = request(server.port, path, timeout=3600, sink=count)
    memory = sampler.result()
    rows = lines - header_lines
    return {
        "path": path,
        "status": status,
        "seconds": seconds,
        "rows": rows,
        "bytes": size,
        "rows_per_second": rows / seconds if seconds else 0,
        **memory,
    }


EXPORT_SQL = """
SELECT s.id, c.slug, c.text, a.slug, a.name, sp.slug, sp.name, s.stance, s.made_on,
       s.made_on_precision, s.date_wording, q.article_id, ar.url, o.slug, ar.published_on,
       q.text, q.start, q."end", (SELECT count(*) FROM claims_quote n WHERE n.statement_id = s.id),
       '{base}/statements/' || s.id || '/'
FROM claims_statement s
JOIN claims_claim c ON c.id = s.claim_id
JOIN claims_actor a ON a.id = s.actor_id
LEFT JOIN claims_actor sp ON sp.id = s.speaker_id
LEFT JOIN claims_quote q ON q.id = (
    SELECT min(f.id) FROM claims_quote f WHERE f.statement_id = s.id)
LEFT JOIN sources_article ar ON ar.id = q.article_id
LEFT JOIN sources_outlet o ON o.id = ar.outlet_id
{where}
ORDER BY s.made_on DESC, s.id DESC
"""


def export_sql(base_url: str, date_from: str | None) -> str:
    """The export's rows (same columns, filter and order as export.csv) in one query."""
    where = f"WHERE s.made_on >= '{date_from}'" if date_from else ""
    return EXPORT_SQL.format(base=base_url, where=where)


def time_copy(database: Database, sql: str) -> dict:
    """COPY (the export's query) TO STDOUT WITH CSV through psycopg."""
    with database.connect() as conn, conn.cursor() as cursor:
        started = time.perf_counter()
        size = lines = 0
        with cursor.copy(f"COPY ({sql}) TO STDOUT WITH CSV HEADER") as copy:
            for data in copy:
                size += len(data)
                lines += bytes(data).count(b"\n")
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rows": lines - 1,
        "bytes": size,
        "rows_per_second": (lines - 1) / seconds,
    }


class CountingSink:
    def __init__(self):
        self.size = 0

    def write(self, text: str) -> None:
        self.size += len(text.encode())


def time_sqlite_loop(database: Database, sql: str) -> dict:
    """A plain sqlite3 loop writing the same CSV (csv.writer, UTF-8 encoded)."""
    conn = sqlite3.connect(database.path)
    try:
        started = time.perf_counter()
        sink = CountingSink()
        writer = csv.writer(sink, lineterminator="\r\n")
        cursor = conn.execute(sql)
        writer.writerow([d[0] for d in cursor.description])
        rows = 0
        for row in cursor:
            writer.writerow(row)
            rows += 1
        seconds = time.perf_counter() - started
    finally:
        conn.close()
    return {"seconds": seconds, "rows": rows, "bytes": sink.size, "rows_per_second": rows / seconds}


def measure_exports(
    server: Server, database: Database, scope: dict, args: argparse.Namespace, size: int
) -> dict:
    query = f"?date_from={scope['date_from']}" if scope["date_from"] else ""
    base = f"http://{HOST}:{server.port}"
    sql = export_sql(base, scope["date_from"])
    exports: dict = {"scope": scope}
    for kind, header in (("csv", 1), ("jsonl", 0)):
        # A small export first, so one-time costs (imports, caches) are not counted.
        request(server.port, f"/api/v1/statements/export.{kind}?q={scope['rare_word']}")
        runs = []
        while len(runs) < args.export_repeat:
            runs.append(time_export(server, f"/api/v1/statements/export.{kind}{query}", header))
            if runs[-1]["seconds"] > 60:
                break
        best = sorted(runs, key=lambda r: r["rows_per_second"])[len(runs) // 2]
        best["growth_mb"] = max(r["growth_mb"] for r in runs)
        exports[kind] = best
        log(
            f"  export.{kind}: {best['rows']:,} rows in {best['seconds']:.1f}s = "
            f"{best['rows_per_second']:,.0f} rows/s, worker memory +{best['growth_mb']:.1f} MB"
        )
    baseline = time_copy if database.vendor == "postgresql" else time_sqlite_loop
    runs = [baseline(database, sql) for _ in range(len(runs))]
    exports["baseline"] = sorted(runs, key=lambda r: r["rows_per_second"])[len(runs) // 2]
    exports["baseline_kind"] = (
        "COPY (query) TO STDOUT WITH CSV via psycopg"
        if database.vendor == "postgresql"
        else "plain sqlite3 loop + csv.writer"
    )
    b = exports["baseline"]
    log(f"  {exports['baseline_kind']}: {b['rows']:,} rows = {b['rows_per_second']:,.0f} rows/s")
    if args.full_export or (args.full_export is None and size >= 1_000_000):
        full = time_export(server, "/api/v1/statements/export.csv", 1)
        exports["full_csv"] = full
        log(
            f"  full export.csv: {full['rows']:,} rows in {full['seconds']:.0f}s, "
            f"worker memory +{full['growth_mb']:.1f} MB"
        )
    return exports
