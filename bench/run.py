"""ClaimTracker's scale benchmark (`make bench`; see bench/README.md).

For each database (SQLite, PostgreSQL) and size (10,000 and 1,000,000 statements): migrate
a benchmark database of its own, generate the corpus once (reused while its size, seed and
generator version match), start gunicorn (gunicorn.conf.py, 2 workers) with production
settings, time pages and API over real HTTP cold (each request right after a write
committed through the ORM, and for filter combinations never requested before) and warm,
time the exports against COPY (or a plain sqlite3 loop), run a 20-client mixed read load
without and with a writer, profile the pages' queries in process (EXPLAIN ANALYZE on
PostgreSQL), print PASS/FAIL per target and write bench/RESULTS.md, bench/results.json
and bench/plans/. It is a benchmark, not a test: nothing under tests/ runs it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys

from bench import ROOT, log
from bench.assistant import print_timing
from bench.facts import discover, export_scope
from bench.machine import machine
from bench.measure import run_one
from bench.profile import profile
from bench.report import RESULTS, load_previous, write
from bench.servers import DEFAULT_PG_SERVER
from bench.verdicts import failures, print_summary

DEFAULT_SIZES = (10_000, 1_000_000)
DEFAULT_DATABASES = ("sqlite", "postgresql")

# Run inside Django by servers.helper, as `python -m bench.run <name>` (JSON on stdin and
# stdout), so each runs with the benchmark database's settings in a process of its own.
HELPERS = {"_discover": discover, "_export_scope": export_scope, "_profile": profile}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--databases", default=",".join(DEFAULT_DATABASES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pg-server", default=os.environ.get("BENCH_POSTGRES", DEFAULT_PG_SERVER))
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=15, help="Warm requests per page.")
    parser.add_argument(
        "--cold-repeat",
        type=int,
        default=15,
        help="Cold requests per page, each right after a committed write.",
    )
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
    parser.add_argument(
        "--write-interval", type=float, default=2, help="Seconds between the load's writes."
    )
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--explain", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--regenerate", action="store_true", help="Ignore a cached corpus.")
    parser.add_argument("--label", default="run", help="The run's label in RESULTS.md.")
    parser.add_argument(
        "--no-write", action="store_true", help="Write neither RESULTS.md nor results.json."
    )
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
    failed = 0
    for vendor in args.databases:
        for size in args.sizes:
            result = run_one(vendor, size, args)
            print_summary(result)
            failed += failures(result)
            run = data["runs"][f"{vendor}/{size}"] = {
                "label": args.label,
                "command": command,
                "finished": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                "machine": about,
                "settings": {
                    "warmup": args.warmup,
                    "repeat": args.repeat,
                    "cold_repeat": args.cold_repeat,
                    "write_interval": args.write_interval,
                    "page_budget": args.page_budget,
                    "statement_timeout": args.statement_timeout,
                },
                "result": result,
            }
            if not args.no_write:
                write(data, run)
    if not args.no_write:
        log(f"\nWrote {RESULTS.relative_to(ROOT)}")
    print_timing()  # the attribution assistant's figure (issue 16)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
