"""ClaimTracker's scale benchmark (`make bench`; see bench/README.md).

For each database (SQLite, PostgreSQL) and size (10,000 and 1,000,000 statements): migrate
a benchmark database of its own, generate the corpus once (reused while its size, seed and
generator version match), start gunicorn (gunicorn.conf.py, 2 workers) with production
settings, time pages, API and exports over real HTTP, compare the exports with COPY (or a
plain sqlite3 loop), run a 20-client mixed read load, profile the pages' queries in
process (EXPLAIN ANALYZE on PostgreSQL), print PASS/FAIL per target and write
bench/RESULTS.md. It is a benchmark, not a test: nothing under tests/ runs it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import urllib.parse
from pathlib import Path

from bench import BENCH, HOST, ROOT, log
from bench.client import cursor_for, decode_cursor, get_json, time_page
from bench.exports import measure_exports
from bench.facts import discover, export_scope
from bench.load import load_test
from bench.profile import profile
from bench.servers import (
    DEFAULT_PG_SERVER,
    Database,
    Server,
    django_env,
    free_port,
    helper,
    manage,
    prepare_corpus,
    with_statement_timeout,
)

RESULTS = BENCH / "RESULTS.md"
DEFAULT_SIZES = (10_000, 1_000_000)
DEFAULT_DATABASES = ("sqlite", "postgresql")
DATA_MARKER = "bench-data"

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


# Run inside Django by servers.helper, as `python -m bench.run <name>` (JSON on stdin and
# stdout), so each runs with the benchmark database's settings in a process of its own.
HELPERS = {"_discover": discover, "_export_scope": export_scope, "_profile": profile}


# --------------------------------------------------------------------------- one run


def run_one(vendor: str, size: int, args) -> dict:
    database = Database(vendor, size, args.pg_server)
    log(f"\n=== {vendor}, {size:,} statements ({database.name}) ===")
    database.ensure_exists()
    env = django_env(database)
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    info, generation, generated_now = prepare_corpus(database, env, args)
    scope = helper(env, "_export_scope", {"rows": args.export_rows})
    scope["rare_word"] = info["rare_word"]
    manage(env, "collectstatic", "--no-input")

    result = {
        "vendor": vendor,
        "size": size,
        "seed": args.seed,
        "database": database.name,
        "generation_seconds": generation,
        "generated_now": generated_now,
        "corpus": {k: info[k] for k in ("statements", "quotes", "articles", "actors", "claims")},
        "busiest_actor": [info["busiest_actor"], info["busiest_actor_statements"]],
        "busiest_claim": [info["busiest_claim"], info["busiest_claim_statements"]],
    }
    common, rare = info["common_word"], info["rare_word"]
    pages = {
        "statement list": "/statements/",
        "statement list, stance=denied": "/statements/?stance=denied",
        "search, common word": f"/statements/?q={common}",
        "search, rare word": f"/statements/?q={rare}",
        "actor page, busiest actor": f"/actors/{info['busiest_actor']}/",
        "claim page, busiest claim": f"/claims/{info['busiest_claim']}/",
        "home": "/",
        "API list, first page": "/api/v1/statements/",
        "API list, cursor past 90%": "/api/v1/statements/?"
        + urllib.parse.urlencode({"cursor": cursor_for(info["deep_id"])}),
    }
    port = free_port()
    server = Server(with_statement_timeout(env, args.statement_timeout), port)
    try:
        server.wait_ready()
        log(f"gunicorn up on {HOST}:{port} (workers {server.workers()}); log {server.log.name}")
        first = get_json(port, "/api/v1/statements/?page_size=1000")
        result["cursor_check"] = {
            "next_link_decodes_to": decode_cursor(first["next"]) if first.get("next") else None,
            "deep_cursor": {"p": str(info["deep_id"])},
        }
        result["pages"] = {}
        for name, path in pages.items():
            timing = time_page(port, path, args)
            result["pages"][name] = timing
            log(
                f"  {name:<32} median {timing['median_ms']:8.1f} ms  "
                f"p95 {timing['p95_ms']:8.1f} ms  {timing['statuses']} {timing['note']}"
            )
        if not args.skip_exports:
            result["exports"] = measure_exports(server, database, scope, args, size)
        if not args.skip_load:
            log(f"  load: {args.clients} clients for {args.load_seconds:.0f}s...")
            result["load"] = load_test(port, info, args)
            load = result["load"]
            log(
                f"  load: {load['requests']} requests, {load['errors']} errors, "
                f"{load['throughput']:.1f} req/s, median {load['median_ms'] or 0:.0f} ms"
            )
    finally:
        server.stop()
    if not args.no_profile:
        log("  profiling the pages' queries in process...")
        slow = [
            name
            for name, limit in PAGE_TARGETS_MS.items()
            if result["pages"][name]["median_ms"] >= limit
        ]
        result["profile"] = helper(
            with_statement_timeout(env, args.statement_timeout),
            "_profile",
            {
                "pages": pages,
                "explain": args.explain,
                "explain_pages": slow,
                "explain_timeout": args.explain_timeout,
                "warm": [n for n, t in result["pages"].items() if t["median_ms"] < 2000],
                "top": 3,
            },
        )["pages"]
    return result


# --------------------------------------------------------------------------- targets


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


# --------------------------------------------------------------------------- report


def machine(args) -> dict:
    info = {
        "cpus": os.cpu_count(),
        "cpu": "",
        "memory_gb": 0.0,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = re.search(r"model name\s*:\s*(.*)", cpuinfo).group(1)
        meminfo = Path("/proc/meminfo").read_text()
        info["memory_gb"] = int(re.search(r"MemTotal:\s*(\d+)", meminfo).group(1)) / 1024**2
    except (OSError, AttributeError):
        pass
    if "postgresql" in args.databases:
        try:
            import psycopg

            with psycopg.connect(f"{args.pg_server}/postgres") as conn:
                info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
                info["postgresql_settings"] = {
                    name: conn.execute(f"SHOW {name}").fetchone()[0]
                    for name in (
                        "shared_buffers",
                        "work_mem",
                        "effective_cache_size",
                        "random_page_cost",
                        "jit",
                        "max_parallel_workers_per_gather",
                        "cursor_tuple_fraction",
                    )
                }
        except Exception as error:
            info["postgresql"] = f"unavailable ({error})"
    try:
        import django
        import gunicorn

        info["django"] = django.get_version()
        info["gunicorn"] = gunicorn.__version__
    except ImportError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        info["commit"] = commit + (" (with uncommitted changes)" if dirty else "")
    except OSError:
        pass
    return info


def load_previous() -> dict:
    if not RESULTS.exists():
        return {"runs": {}}
    match = re.search(rf"<!-- {DATA_MARKER}\n(.*?)\n-->", RESULTS.read_text(), flags=re.DOTALL)
    if not match:
        return {"runs": {}}
    try:
        return json.loads(match.group(1).replace("- -", "--"))
    except json.JSONDecodeError:
        return {"runs": {}}


def fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def render(data: dict) -> str:
    lines = [
        "# ClaimTracker benchmark results",
        "",
        "Generated by `bench/run.py` (`make bench`); do not edit by hand: each run replaces",
        "the sections of the runs it repeats (same label, database and size) and keeps the",
        "others, so before/after figures can stand side by side (`--label`).",
        "",
    ]
    for key in sorted(data["runs"], key=lambda k: data["runs"][k]["finished"]):
        run = data["runs"][key]
        result, m = run["result"], run["machine"]
        lines += [
            f"## {run['label']}: {result['vendor']}, {result['size']:,} statements",
            "",
            f"- date: {run['finished']}; commit {m.get('commit', '?')}",
            f"- command: `{run['command']}`",
            f"- machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gb']:.1f} GB RAM; "
            f"Python {m['python']}, Django {m.get('django', '?')}, gunicorn "
            f"{m.get('gunicorn', '?')} (2 workers × 4 threads, gunicorn.conf.py); "
            + (
                f"PostgreSQL {m.get('postgresql', '?')} "
                f"({', '.join(f'{k}={v}' for k, v in m.get('postgresql_settings', {}).items())})"
                if result["vendor"] == "postgresql"
                else f"SQLite {m['sqlite']}"
            ),
            f"- corpus: {', '.join(f'{v:,} {k}' for k, v in result['corpus'].items())} "
            f"(seed {result['seed']}); generation "
            f"{result['generation_seconds']:.0f} s"
            + ("" if result["generated_now"] else " (generated by an earlier run, reused)"),
            f"- busiest actor `{result['busiest_actor'][0]}` "
            f"({result['busiest_actor'][1]:,} statements as party), busiest claim "
            f"`{result['busiest_claim'][0]}` ({result['busiest_claim'][1]:,} statements)",
            "- targets "
            + (
                "apply (PostgreSQL, 1,000,000 statements)"
                if official(result)
                else "shown for information (they apply to PostgreSQL at 1,000,000)"
            ),
            "",
        ]
        if result.get("pages"):
            lines += [
                "| request | median ms | p95 ms | target | |",
                "|---|---:|---:|---|---|",
            ]
            for name, timing in result["pages"].items():
                limit = PAGE_TARGETS_MS.get(name)
                verdict = ""
                if limit:
                    verdict = "PASS" if timing["median_ms"] < limit else "FAIL"
                bad = [s for s in timing["statuses"] if s != 200]
                lines.append(
                    f"| `{timing['path'][:70]}` {name} | {fmt_ms(timing['median_ms'])} | "
                    f"{fmt_ms(timing['p95_ms'])} | {f'< {limit} ms' if limit else ''} | "
                    f"{verdict}{' status ' + str(bad) if bad else ''}"
                    f"{' (' + timing['note'] + ')' if timing.get('note') else ''} |"
                )
            lines.append("")
            lines.append(
                f"Each: {run['settings']['warmup']} warm-up requests, then "
                f"{run['settings']['repeat']} timed (fresh connection each, whole body read; at "
                f"most {run['settings'].get('page_budget', 60):.0f} s of samples per page; "
                "PostgreSQL statement_timeout "
                f"{run['settings'].get('statement_timeout', 120):.0f} s for the server); "
                "p95 is the nearest rank. The deep cursor is built from the id a tenth of the "
                "way up the id order (`base64('p=<id>')`, the encoding of the `next` links: "
                f"{result.get('cursor_check', {}).get('next_link_decodes_to')})."
            )
            lines.append("")
        exports = result.get("exports")
        if exports:
            lines += [
                f"Exports of {exports['scope']['rows']:,} statements"
                + (
                    f" (`date_from={exports['scope']['date_from']}`)"
                    if exports["scope"]["date_from"]
                    else ""
                )
                + f"; baseline: {exports['baseline_kind']} of the same rows and columns.",
                "",
                "| export | rows | seconds | rows/s | share of baseline | worker RSS growth |",
                "|---|---:|---:|---:|---:|---:|",
            ]
            base = exports["baseline"]["rows_per_second"]
            for kind in ("csv", "jsonl", "full_csv"):
                e = exports.get(kind)
                if e:
                    lines.append(
                        f"| {kind} `{e['path'][:60]}` | {e['rows']:,} | {e['seconds']:.1f} | "
                        f"{e['rows_per_second']:,.0f} | {e['rows_per_second'] / base:.0%} | "
                        f"+{e['growth_mb']:.1f} MB (peak {e['peak_rss_mb']:.0f} MB) |"
                    )
            b = exports["baseline"]
            lines.append(
                f"| baseline | {b['rows']:,} | {b['seconds']:.1f} | {base:,.0f} | 100% | |"
            )
            lines.append("")
        load = result.get("load")
        if load:
            kinds = ", ".join(f"{k}: {v}" for k, v in load["error_kinds"].items()) or "none"
            lines += [
                f"Load: {load['clients']} clients, mixed reads (lists, filters, searches, "
                f"actor/claim/statement/article pages, home, API) for {load['seconds']:.0f} s: "
                f"{load['requests']:,} requests, {load['throughput']:.1f} req/s, errors "
                f"{load['errors']} ({kinds}), latency median {fmt_ms(load['median_ms'])} ms, "
                f"p95 {fmt_ms(load['p95_ms'])} ms.",
                "",
            ]
        lines += ["| target | measured | |", "|---|---|---|"]
        for v in verdicts(result):
            lines.append(f"| {v['target']} | {v['value']} | {'PASS' if v['pass'] else 'FAIL'} |")
        lines.append("")
        profile = result.get("profile")
        if profile:
            lines += [
                "Where the time goes (each page once in process, Django test client, same "
                "database): total, number of queries, time in queries, slowest queries.",
                "",
                "| page | total ms | queries | in queries ms | slowest queries (ms) |",
                "|---|---:|---:|---:|---|",
            ]
            for name, p in profile.items():
                slow = ", ".join(f"{q['seconds'] * 1000:.0f}" for q in p["slowest"])
                lines.append(
                    f"| {name} | {p['seconds'] * 1000:,.0f} | {p['queries']} | "
                    f"{p['query_seconds'] * 1000:,.0f} | {slow} |"
                )
            lines.append("")
            failing = {
                name
                for name, limit in PAGE_TARGETS_MS.items()
                if name in result.get("pages", {}) and result["pages"][name]["median_ms"] >= limit
            }
            if failing and any(q["plan"] for p in profile.values() for q in p["slowest"]):
                lines += [
                    "<details><summary>Plans of the slowest queries of the pages that "
                    "miss their target</summary>",
                    "",
                ]
                for name in [n for n in profile if n in failing]:
                    for q in profile[name]["slowest"][:2]:
                        if not q["plan"]:
                            continue
                        lines += [
                            f"**{name}**: {q['seconds'] * 1000:,.0f} ms",
                            "",
                            "```sql",
                            q["sql"][:3000],
                            "```",
                            "",
                            "```",
                            q["plan"],
                            "```",
                            "",
                        ]
                lines += ["</details>", ""]
    blob = json.dumps(data, indent=1, default=str).replace("--", "- -")
    lines += [f"<!-- {DATA_MARKER}", blob, "-->", ""]
    return "\n".join(lines)


def print_summary(result: dict) -> None:
    scope = "targets apply" if official(result) else "for information"
    log(f"\n--- {result['vendor']}, {result['size']:,} statements ({scope}) ---")
    log(f"generation: {result['generation_seconds']:.0f} s")
    for v in verdicts(result):
        log(f"{'PASS' if v['pass'] else 'FAIL'}  {v['target']}: {v['value']}")


# --------------------------------------------------------------------------- main


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--databases", default=",".join(DEFAULT_DATABASES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-server", default=os.environ.get("BENCH_POSTGRES", DEFAULT_PG_SERVER))
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--export-rows", type=int, default=200_000)
    parser.add_argument("--export-repeat", type=int, default=2)
    parser.add_argument(
        "--full-export",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="Also export every row as CSV to measure memory (default: at 1,000,000+).",
    )
    parser.add_argument(
        "--page-budget",
        type=float,
        default=60,
        help="Seconds of timed requests per page at most (at least 3 unless one is slower).",
    )
    parser.add_argument("--request-timeout", type=float, default=330)
    parser.add_argument(
        "--statement-timeout",
        type=float,
        default=120,
        help="PostgreSQL statement_timeout (s) for the server under test and the profile.",
    )
    parser.add_argument("--explain-timeout", type=float, default=120)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--explain", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--regenerate", action="store_true", help="Ignore a cached corpus.")
    parser.add_argument("--label", default="run", help="Section label in RESULTS.md.")
    parser.add_argument("--no-write", action="store_true", help="Do not write RESULTS.md.")
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    for name in args.databases:
        if name not in DEFAULT_DATABASES:
            parser.error(f"--databases takes {', '.join(DEFAULT_DATABASES)}, not {name!r}")
    return args


def main(argv: list[str]) -> int:
    if argv and argv[0] in HELPERS:
        print(json.dumps(HELPERS[argv[0]](json.loads(sys.stdin.read() or "{}")), default=str))
        return 0
    args = parse_args(argv)
    command = "python -m bench.run " + " ".join(argv) if argv else "make bench"
    data = load_previous()
    about = machine(args)
    failures = 0
    for vendor in args.databases:
        for size in args.sizes:
            result = run_one(vendor, size, args)
            print_summary(result)
            if official(result):
                failures += sum(not v["pass"] for v in verdicts(result))
            data["runs"][f"{args.label}/{vendor}/{size}"] = {
                "label": args.label,
                "command": command,
                "finished": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                "machine": about,
                "settings": {
                    "warmup": args.warmup,
                    "repeat": args.repeat,
                    "page_budget": args.page_budget,
                    "statement_timeout": args.statement_timeout,
                },
                "result": result,
            }
            if not args.no_write:
                RESULTS.write_text(render(data))
    if not args.no_write:
        log(f"\nWrote {RESULTS.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
