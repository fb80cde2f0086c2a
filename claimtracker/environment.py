"""Typed readers for settings that come from the environment.

Each reader rejects a malformed value loudly, naming the variable, so a typo in a
deployment stops start-up instead of silently running with a default.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping, MutableMapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
HOST_PATTERN = re.compile(r"^(\*|\.?[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(:\d+)?$")


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, got {environ[name]!r}."
    )


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, got {value}.")
    return value


def env_hosts(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    hosts = [host.strip() for host in raw.split(",")]
    bad = [host for host in hosts if not HOST_PATTERN.match(host)]
    if bad:
        raise ImproperlyConfigured(
            f"{name} must be a comma-separated list of host names, got {', '.join(map(repr, bad))}."
        )
    return hosts


def env_secret_key(name: str, *, debug: bool, environ: Mapping[str, str] = os.environ) -> str:
    key = environ.get(name, "")
    if key:
        return key
    if debug:
        # Only `make run` and the test settings turn DEBUG on; a development key is
        # harmless there and spares a newcomer one more variable.
        return "django-insecure-development-only-key-never-used-in-production"
    raise ImproperlyConfigured(
        f"{name} must be set when DJANGO_DEBUG is off (generate one with "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )


def env_database(name: str, default: str, environ: Mapping[str, str] = os.environ) -> dict:
    url = environ.get(name, "").strip() or default
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as error:  # dj-database-url raises several kinds for a bad URL
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {error}") from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
        raise ImproperlyConfigured(
            f"{name} must point to PostgreSQL (postgres://...) or SQLite (sqlite:///...), "
            f"got the engine {engine or 'unknown'!r}."
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} must name a database, got {_redacted(url)!r}.")
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


# Several gunicorn workers share one SQLite file, and reading pages write cache entries.
# In rollback-journal mode a reader failed with "database is locked" while another
# process committed (13 of 157 requests under 20 clients at 1,000,000 statements). WAL
# lets readers go on during a commit; IMMEDIATE takes the write lock when a transaction
# begins, so a transaction that reads and then writes waits its turn (up to `timeout`
# seconds) instead of failing when it upgrades its lock.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def _redacted(url: str) -> str:
    # Start-up errors end up in logs and CI output; the password must not.
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


RATE_PATTERN = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


def env_rate(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    raw = environ.get(name, "").strip() or default
    if not RATE_PATTERN.match(raw):
        raise ImproperlyConfigured(
            f"{name} must look like 120/minute (a number, a slash, second/minute/hour/day), "
            f"got {raw!r}."
        )
    return raw


DATABASE_CACHE_ENTRIES = 20_000
# Rendered rows and drawings of about 500 pages per worker process (a few hundred KB
# each at most): the cached aggregates' own cache (claims.cached) when no Redis is set.
LOCAL_AGGREGATE_ENTRIES = 2_000


def env_cache(name: str, environ: Mapping[str, str] = os.environ) -> dict:
    """The caches: `default` (shared by every process: the data version, the API
    throttles, the sign-in lockouts) and `aggregates` (the cached aggregates and
    renderings of claims.cached, whose keys hold the versions they were made from, so
    any process may keep its own).

    Without Redis, `default` is the database and `aggregates` each process's memory: a
    cached page then costs no query to read or write (a write to the database cache was
    four queries, a third of a fresh page's)."""
    url = environ.get(name, "").strip()
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "claimtracker_cache",
                # Django's default of 300 entries holds the aggregates and rows of about
                # 80 pages; past it every write culls a third of the cache. Entries
                # expire after a day (claims.cached.TIMEOUT) and are culled first.
                "OPTIONS": {"MAX_ENTRIES": DATABASE_CACHE_ENTRIES},
            },
            "aggregates": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "claimtracker-aggregates",
                "OPTIONS": {"MAX_ENTRIES": LOCAL_AGGREGATE_ENTRIES},
            },
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name} must be a redis:// URL, got {url!r}.")
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    return {"default": redis, "aggregates": {**redis, "KEY_PREFIX": "aggregates"}}


def env_present(name: str, environ: Mapping[str, str] = os.environ) -> bool:
    return bool(environ.get(name, "").strip())


def env_networks(name: str, environ: Mapping[str, str] = os.environ) -> list:
    """Comma-separated addresses or networks (10.0.0.5, 10.0.0.0/24, ::1)."""
    raw = environ.get(name, "").strip()
    networks = []
    for item in (part.strip() for part in raw.split(",") if part.strip()):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must be comma-separated IP addresses or networks, got {item!r}."
            ) from None
    return networks


# --- the development .env file ---------------------------------------------------------

ENV_LINE = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


def read_env_file(path: Path) -> dict[str, str]:
    """The variables of a `.env` file: KEY=VALUE lines, `#` comments, blank lines."""
    values = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = ENV_LINE.match(line)
        if not match:
            raise ImproperlyConfigured(f"{path}:{number} is not a KEY=VALUE line: {line!r}.")
        name, value = match.groups()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name] = value
    return values


def load_env_file(path: Path, environ: MutableMapping[str, str] = os.environ) -> None:
    """Fill in, from `path` if it exists, the variables the environment does not set.

    Only manage.py calls this, for the checkout's `.env` that `make run` writes with
    development values; gunicorn and the tests never read it, so a server is as secure
    by default as it is without the file.
    """
    if path.is_file():
        for name, value in read_env_file(path).items():
            environ.setdefault(name, value)
