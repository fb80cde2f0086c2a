"""The issue's targets and the PASS/FAIL of a run against them."""

from __future__ import annotations

from bench import log

# The targets (they apply to PostgreSQL with 1,000,000 statements; other runs
# print them for information).
PAGE_TARGETS_MS = {
    "statement list": 150,
    "statement list, stance=denied": 150,
    "search, common word": 100,
    "search, rare word": 100,
    "actor page, busiest actor": 150,
    "claim page, busiest claim": 150,
    "home": 150,
}
DEEP_CURSOR_RATIO = 1.5
CSV_COPY_SHARE = 0.5
JSONL_COPY_SHARE = 0.25
MEMORY_GROWTH_MB = 50


def verdicts(result: dict) -> list[dict]:
    out = []
    pages = result.get("pages", {})
    for name, limit in PAGE_TARGETS_MS.items():
        if name in pages:
            median = pages[name]["median_ms"]
            ok = median < limit and pages[name]["statuses"] == [200]
            out.append(
                {
                    "target": f"{name}: median < {limit} ms",
                    "value": f"{median:.0f} ms",
                    "pass": ok,
                }
            )
    first, deep = pages.get("API list, first page"), pages.get("API list, cursor past 90%")
    if first and deep:
        ratio = deep["median_ms"] / first["median_ms"]
        out.append(
            {
                "target": f"API list at a cursor past 90% ≤ {DEEP_CURSOR_RATIO} × first page",
                "value": f"{ratio:.2f} × ({deep['median_ms']:.0f} / {first['median_ms']:.0f} ms)",
                "pass": ratio <= DEEP_CURSOR_RATIO and deep["statuses"] == [200],
            }
        )
    exports = result.get("exports")
    if exports:
        base = exports["baseline"]["rows_per_second"]
        what = "COPY" if result["vendor"] == "postgresql" else "the sqlite3 loop"
        for kind, share in (("csv", CSV_COPY_SHARE), ("jsonl", JSONL_COPY_SHARE)):
            speed = exports[kind]["rows_per_second"]
            out.append(
                {
                    "target": f"{kind.upper()} export ≥ {share:.0%} of {what} rows/s",
                    "value": f"{speed / base:.0%} ({speed:,.0f} vs {base:,.0f} rows/s)",
                    "pass": speed >= share * base and exports[kind]["status"] == 200,
                }
            )
        full = exports.get("full_csv") or exports["csv"]
        out.append(
            {
                "target": f"worker memory growth < {MEMORY_GROWTH_MB} MB during a "
                f"{full['rows']:,}-row export",
                "value": f"+{full['growth_mb']:.1f} MB (peak RSS {full['peak_rss_mb']:.0f} MB)",
                "pass": full["growth_mb"] < MEMORY_GROWTH_MB and full["status"] == 200,
            }
        )
    load = result.get("load")
    if load:
        out.append(
            {
                "target": f"{load['clients']} concurrent clients, {load['seconds']:.0f}s: no error",
                "value": f"{load['errors']} errors, {load['throughput']:.1f} req/s",
                "pass": load["errors"] == 0,
            }
        )
    return out


def official(result: dict) -> bool:
    return result["vendor"] == "postgresql" and result["size"] >= 1_000_000


def print_summary(result: dict) -> None:
    scope = "targets apply" if official(result) else "for information"
    log(f"\n--- {result['vendor']}, {result['size']:,} statements ({scope}) ---")
    log(f"generation: {result['generation_seconds']:.0f} s")
    for v in verdicts(result):
        log(f"{'PASS' if v['pass'] else 'FAIL'}  {v['target']}: {v['value']}")
