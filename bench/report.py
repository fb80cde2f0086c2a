"""What a run leaves: bench/results.json (the latest run per database and size, its
data), bench/RESULTS.md (short: those runs and one before/after table) and
bench/plans/<database>-<size>.md (where each page's time goes, and the query plans)."""

from __future__ import annotations

import json

from bench import BENCH
from bench.verdicts import (
    BEFORE_LOAD,
    BEFORE_MS,
    COLD_TARGETS_MS,
    FULL_SIZE,
    load_verdicts,
    official,
    page_verdicts,
    verdicts,
)

RESULTS = BENCH / "RESULTS.md"
DATA = BENCH / "results.json"
PLANS = BENCH / "plans"
VENDORS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
LOAD = ["no error", "median", "p95", "req/s"]


def load_previous() -> dict:
    try:
        return json.loads(DATA.read_text())
    except (OSError, json.JSONDecodeError):
        return {"runs": {}}


def fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def mark(found: list[dict], labels: list[str] | None = None) -> str:
    """PASS/FAIL of each verdict, after its label if given; "(info)" where none applies."""
    labels = labels or [""] * len(found)
    marks = [
        f"{label} {'PASS' if v['pass'] else 'FAIL'}".strip()
        for label, v in zip(labels, found, strict=True)
    ]
    info = found and not any(v["applies"] for v in found)
    return ", ".join(marks) + (" (info)" if info else "")


def load_line(load: dict | None) -> str:
    if not load:
        return "–"
    errors = f", {load['errors']} errors" if load["errors"] else ", no error"
    return (
        f"{load['throughput']:.1f} req/s, median {fmt_ms(load['median_ms'])} ms, "
        f"p95 {fmt_ms(load['p95_ms'])} ms{errors}"
    )


def before_after(data: dict) -> list[str]:
    after = {
        run["result"]["vendor"]: run["result"]
        for run in data["runs"].values()
        if run["result"]["size"] == FULL_SIZE
    }

    def figures(vendor: str, name: str) -> str:
        page = after.get(vendor, {}).get("pages", {}).get(name)
        if not page:
            return "–"
        return f"{fmt_ms(page['cold']['median_ms'])} / {fmt_ms(page['warm']['median_ms'])}"

    lines = [
        "## Before and after the tallies, 1,000,000 statements",
        "",
        "Medians in ms, cold / warm. Before: the figures quoted in issue 15 (SQLite: cold "
        "only). After: the latest run below (– where none is recorded yet).",
        "",
        "| request | cold target | PostgreSQL before | PostgreSQL after "
        "| SQLite before | SQLite after |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, limit in COLD_TARGETS_MS.items():
        before = BEFORE_MS.get(name, {})
        pg = before.get("postgresql")
        lite = before.get("sqlite")
        lines.append(
            f"| {name} | < {limit} | {f'{pg[0]:,} / {pg[1]}' if pg else '–'} | "
            f"{figures('postgresql', name)} | {f'{lite[0]:,}' if lite else '–'} | "
            f"{figures('sqlite', name)} |"
        )
    lines += [
        "",
        "| load, 20 clients, 60 s | target | PostgreSQL before | PostgreSQL after | SQLite after |",
        "|---|---|---|---|---|",
    ]
    for kind, before in BEFORE_LOAD.items():
        target = "≥ 15 req/s, median < 300 ms, p95 < 1.5 s, no error"
        lines.append(
            f"| {kind} | {target if kind == 'with writer' else '(printed)'} | {before} | "
            f"{load_line(after.get('postgresql', {}).get('load', {}).get(kind))} | "
            f"{load_line(after.get('sqlite', {}).get('load', {}).get(kind))} |"
        )
    return [*lines, ""]


def run_section(run: dict) -> list[str]:
    result, m = run["result"], run["machine"]
    vendor, size = result["vendor"], result["size"]
    engine = (
        f"PostgreSQL {m.get('postgresql', '?')} "
        f"({', '.join(f'{k}={v}' for k, v in m.get('postgresql_settings', {}).items())})"
        if vendor == "postgresql"
        else f"SQLite {m['sqlite']}"
    )
    s = run["settings"]
    lines = [
        f"## {VENDORS[vendor]}, {size:,} statements ({run['label']})",
        "",
        f"- {run['finished']}, commit {m.get('commit', '?')}: `{run['command']}`",
        f"- {m['cpus']} CPUs ({m['cpu']}), {m['memory_gb']:.1f} GB RAM; Python {m['python']}, "
        f"Django {m.get('django', '?')}, gunicorn {m.get('gunicorn', '?')} (2 workers × 4 "
        f"threads); {engine}",
        f"- corpus: {', '.join(f'{v:,} {k}' for k, v in result['corpus'].items())} (seed "
        f"{result['seed']}; generated in {result['generation_seconds']:.0f} s"
        + ("" if result["generated_now"] else ", reused")
        + f"); busiest actor `{result['busiest_actor'][0]}` ({result['busiest_actor'][1]:,} "
        f"statements), busiest claim ({result['busiest_claim'][1]:,})",
        f"- cold: {s.get('cold_repeat')} requests, each right after a committed write; warm: "
        f"{s['warmup']} warm-ups then {s['repeat']} requests; at most {s['page_budget']:.0f} s "
        f"per series; p95 nearest rank; plans: [`plans/{vendor}-{size}.md`]"
        f"(plans/{vendor}-{size}.md)",
        "",
        "| request | cold median | cold p95 | warm median | warm p95 | write ms | |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, page in result.get("pages", {}).items():
        cold, warm = page["cold"], page["warm"]
        bad = sorted({s for s in cold["statuses"] + warm["statuses"] if s != 200})
        notes = "; ".join(n for n in (cold["note"], warm["note"]) if n)
        found = page_verdicts(name, page, vendor, size)
        labels = [v["target"].split(", ")[-1].replace(": median", "") for v in found]
        lines.append(
            f"| {name} | {fmt_ms(cold['median_ms'])} | {fmt_ms(cold['p95_ms'])} | "
            f"{fmt_ms(warm['median_ms'])} | {fmt_ms(warm['p95_ms'])} | "
            f"{fmt_ms(cold.get('write_ms'))} | {mark(found, labels)}"
            f"{' status ' + str(bad) if bad else ''}{' (' + notes + ')' if notes else ''} |"
        )
    lines.append("")
    if result.get("load"):
        lines += [
            "| load | requests | errors | req/s | median ms | p95 ms | writes (median ms) | |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        applies = official(result)
        for kind, load in result["load"].items():
            kinds = ", ".join(f"{k}: {v}" for k, v in load["error_kinds"].items())
            writes = (
                f"{load['writes']} ({fmt_ms(load['write_median_ms'])})" if load["writer"] else "–"
            )
            lines.append(
                f"| {kind} | {load['requests']:,} | {load['errors']}"
                f"{' (' + kinds + ')' if kinds else ''} | {load['throughput']:.1f} | "
                f"{fmt_ms(load['median_ms'])} | {fmt_ms(load['p95_ms'])} | {writes} | "
                f"{mark(load_verdicts(kind, load, applies and kind == 'with writer'), LOAD)} |"
            )
        lines.append("")
    exports = result.get("exports")
    if exports:
        base = exports["baseline"]["rows_per_second"]
        parts = [
            f"{kind} {e['rows']:,} rows {e['rows_per_second']:,.0f} rows/s "
            f"({e['rows_per_second'] / base:.0%}, +{e['growth_mb']:.1f} MB)"
            for kind in ("csv", "jsonl", "full_csv")
            if (e := exports.get(kind))
        ]
        lines += [
            f"Exports: {'; '.join(parts)}; {exports['baseline_kind']}: {base:,.0f} rows/s.",
            "",
        ]
    others = [
        v
        for v in verdicts(result)
        if not any(part in v["target"] for part in (", cold:", ", warm:", "load "))
    ]
    if others:
        lines += ["| other target | measured | |", "|---|---|---|"]
        lines += [f"| {v['target']} | {v['value']} | {mark([v])} |" for v in others]
        lines.append("")
    return lines


def render(data: dict) -> str:
    lines = [
        "# ClaimTracker benchmark results",
        "",
        "Written by `python -m bench.run` (`make bench`, see README.md); do not edit by hand.",
        "The latest run per database and size (each run replaces the one of its database and",
        "size; the data is in `results.json`, each page's queries and plans in `plans/`).",
        "Targets (issue 15) apply at 1,000,000 statements: the cold ones on both databases,",
        "warm and load on PostgreSQL; elsewhere they are printed for information (info).",
        "",
        *before_after(data),
    ]
    order = sorted(
        data["runs"].values(), key=lambda r: (r["result"]["size"], r["result"]["vendor"])
    )
    for run in reversed(order):
        lines += run_section(run)
    return "\n".join(lines)


def render_plans(run: dict) -> str:
    result = run["result"]
    lines = [
        f"# Where the time goes: {VENDORS[result['vendor']]}, {result['size']:,} statements",
        "",
        f"Run {run['finished']} ({run['label']}, commit {run['machine'].get('commit', '?')}). "
        "Each page once in process (Django test client, same database) right after a "
        "committed write: total, number of queries, time in them, the slowest three; the "
        "plans of the two slowest queries of each page that missed its cold target "
        "(`EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite).",
        "",
        "| page | path | total ms | queries | in queries ms | slowest queries (ms) |",
        "|---|---|---:|---:|---:|---|",
    ]
    profile = result.get("profile") or {}
    if result.get("profile_error"):
        lines += ["The profile failed:", "", "```", result["profile_error"], "```", ""]
    for name, p in profile.items():
        slow = ", ".join(f"{q['seconds'] * 1000:.0f}" for q in p["slowest"])
        error = f" {p['error']}" if p.get("error") else ""
        lines.append(
            f"| {name} | `{p.get('path', '')[:80]}` | {p['seconds'] * 1000:,.0f}{error} | "
            f"{p['queries']} | {p['query_seconds'] * 1000:,.0f} | {slow} |"
        )
    lines.append("")
    for kind, load in (result.get("load") or {}).items():
        lines += [
            f"## Load {kind}: each kind of request",
            "",
            "| kind | requests | median ms | p95 ms | share of the time |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {name} | {k['requests']:,} | {fmt_ms(k['median_ms'])} | {fmt_ms(k['p95_ms'])} | "
            f"{k['share']:.0%} |"
            for name, k in load.get("kinds", {}).items()
        ]
        lines.append("")
    for name, p in profile.items():
        for q in p["slowest"][:2]:
            if q["plan"]:
                lines += [f"## {name}: {q['seconds'] * 1000:,.0f} ms", "", "```sql"]
                lines += [q["sql"][:3000], "```", "", "```", q["plan"], "```", ""]
    if not any(q["plan"] for p in profile.values() for q in p["slowest"]):
        lines += ["Every page met its cold target: no plan was taken.", ""]
    return "\n".join(lines)


def write(data: dict, run: dict) -> None:
    """RESULTS.md and results.json for all the runs, and the plans of this one."""
    kept = {
        key: {**r, "result": {k: v for k, v in r["result"].items() if k != "profile"}}
        for key, r in data["runs"].items()
    }
    DATA.write_text(json.dumps({"runs": kept}, indent=1, default=str) + "\n")
    RESULTS.write_text(render(data))
    PLANS.mkdir(exist_ok=True)
    result = run["result"]
    (PLANS / f"{result['vendor']}-{result['size']}.md").write_text(render_plans(run))
