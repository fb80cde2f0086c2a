"""What a run ran on: CPUs, memory, versions, PostgreSQL settings and the commit."""

from __future__ import annotations

import argparse
import os
import platform
import re
import sqlite3
import subprocess
from pathlib import Path

from bench import ROOT

OUTPUT = (":!bench/RESULTS.md", ":!bench/results.json", ":!bench/plans")


def machine(args: argparse.Namespace) -> dict:
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
            # The benchmark's own output does not make the code under test "changed".
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", *OUTPUT],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        info["commit"] = commit + (" (with uncommitted changes)" if dirty else "")
    except OSError:
        pass
    return info
