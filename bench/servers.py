"""The benchmark's databases, its corpus, Django subprocesses and gunicorn."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import BENCH, HOST, ROOT, log
from bench.client import request

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
DEFAULT_PG_SERVER = "postgres://postgres@127.0.0.1:5432"


class Database:
    """One benchmark database: its URL, a direct connection, and the corpus marker."""

    def __init__(self, vendor: str, size: int, pg_server: str):
        self.vendor, self.size = vendor, size
        if vendor == "postgresql":
            self.name = f"claimtracker_bench_{size}"
            self.server = pg_server.rstrip("/")
            self.url = f"{self.server}/{self.name}"
        else:
            self.path = BENCH / f"claimtracker-bench-{size}.sqlite3"
            self.name = self.path.name
            self.url = f"sqlite:///{self.path}"

    def ensure_exists(self) -> None:
        if self.vendor != "postgresql":
            return
        import psycopg

        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name])
            if not found.fetchone():
                log(f"Creating database {self.name}")
                conn.execute(f'CREATE DATABASE "{self.name}"')

    def connect(self):
        if self.vendor == "postgresql":
            import psycopg

            return psycopg.connect(self.url, autocommit=True)
        return sqlite3.connect(self.path, isolation_level=None)

    def marker(self) -> dict | None:
        with self.connect() as conn:
            try:
                row = conn.execute(
                    "SELECT statements, seed, version, seconds, generated_at FROM bench_corpus"
                ).fetchone()
            except Exception:
                return None
        if row is None:
            return None
        keys = ("statements", "seed", "version", "seconds", "generated_at")
        return dict(zip(keys, row, strict=True))

    def set_marker(self, statements: int, seed: int, version: str, seconds: float) -> None:
        with self.connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS bench_corpus (statements bigint, seed bigint, "
                "version text, seconds double precision, generated_at text)"
            )
            conn.execute("DELETE FROM bench_corpus")
            mark = "%s" if self.vendor == "postgresql" else "?"
            now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
            conn.execute(
                f"INSERT INTO bench_corpus VALUES ({', '.join([mark] * 5)})",
                (statements, seed, version, seconds, now),
            )


def with_statement_timeout(env: dict, seconds: float) -> dict:
    """PostgreSQL sessions opened with this environment give up on a statement after
    `seconds` (libpq reads PGOPTIONS), so one pathological page cannot stall the run."""
    return {**env, "PGOPTIONS": f"-c statement_timeout={int(seconds * 1000)}"}


def django_env(database: Database) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_REPLICA_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DATABASE_URL=database.url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        CLAIMTRACKER_API_RATE_ANONYMOUS="1000000/minute",
        CLAIMTRACKER_API_RATE_SIGNED_IN="1000000/minute",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict, *args: str, quiet: bool = True) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def helper(env: dict, command: str, payload: dict | None = None) -> dict:
    """Run one of bench.run's HELPERS inside Django (settings from env) and read its JSON."""
    done = subprocess.run(
        [PYTHON, "-m", "bench.run", command],
        cwd=ROOT,
        env=env,
        input=json.dumps(payload or {}),
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"{command} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def prepare_corpus(
    database: Database, env: dict, args: argparse.Namespace
) -> tuple[dict, float, bool]:
    """The corpus facts (the `_discover` helper), the seconds its generation took, and
    whether it was generated now: a corpus is reused while its size, seed and generator
    version match the marker and the statement count."""
    size = database.size
    info = helper(env, "_discover")
    marker = database.marker()
    wanted = {"statements": size, "seed": args.seed, "version": info["version"]}
    reuse = (
        not args.regenerate
        and marker is not None
        and all(marker[k] == v for k, v in wanted.items())
        and info["statements"] == size
    )
    if reuse:
        generation = marker["seconds"]
        log(f"Reusing the corpus generated {marker['generated_at']} in {generation:.0f}s.")
    else:
        log(f"Generating {size:,} statements (seed {args.seed})...")
        started = time.perf_counter()
        manage(
            env,
            "generate_corpus",
            f"--statements={size}",
            f"--seed={args.seed}",
            "--force-empty",
            quiet=False,
        )
        generation = time.perf_counter() - started
        database.set_marker(size, args.seed, info["version"], generation)
        info = helper(env, "_discover")
    return info, generation, not reuse


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict, port: int):
        self.port = port
        # Kept open for the server's lifetime; closed in stop().
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w+", prefix="claimtracker-bench-gunicorn-", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(
            [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_WORKERS": "2"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                status, _, _ = request(self.port, "/accounts/login/", timeout=10)
                if status == 200 and len(self.workers()) >= 2:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout}s; see {self.log.name}")

    def workers(self) -> list[int]:
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stat:
                        fields = stat.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    pids.append(int(entry))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # graceful: the arbiter stops its workers
            try:
                self.process.wait(45)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
