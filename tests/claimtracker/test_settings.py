"""A malformed setting stops start-up with a message naming the variable."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from claimtracker.environment import (
    env_bool,
    env_cache,
    env_database,
    env_hosts,
    env_int,
    env_secret_key,
)

SQLITE = "sqlite:///db.sqlite3"


# --- DJANGO_DEBUG and other switches ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("ON", True), ("0", False), ("off", False)],
)
def test_a_switch_reads_the_usual_words(raw, expected):
    assert env_bool("DJANGO_DEBUG", default=not expected, environ={"DJANGO_DEBUG": raw}) is expected


@pytest.mark.parametrize("environ", [{}, {"DJANGO_DEBUG": ""}, {"DJANGO_DEBUG": "  "}])
def test_an_unset_switch_takes_its_default(environ):
    assert env_bool("DJANGO_DEBUG", default=False, environ=environ) is False
    assert env_bool("DJANGO_DEBUG", default=True, environ=environ) is True


@pytest.mark.parametrize("raw", ["perhaps", "2", "y", "enabled"])
def test_a_malformed_switch_is_refused_naming_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match=rf"^DJANGO_DEBUG must be one of .*{raw!r}"):
        env_bool("DJANGO_DEBUG", default=False, environ={"DJANGO_DEBUG": raw})


# --- DJANGO_ALLOWED_HOSTS -----------------------------------------------------------------


def test_allowed_hosts_are_a_comma_separated_list():
    environ = {"DJANGO_ALLOWED_HOSTS": "example.org, .example.net,127.0.0.1:8000,[::1]"}

    hosts = env_hosts("DJANGO_ALLOWED_HOSTS", default=[], environ=environ)

    assert hosts == ["example.org", ".example.net", "127.0.0.1:8000", "[::1]"]


@pytest.mark.parametrize(
    ("raw", "bad"),
    [
        ("https://example.org", "'https://example.org'"),
        ("example.org example.net", "'example.org example.net'"),
        ("example.org,,example.net", "''"),
        ("example.org/path", "'example.org/path'"),
    ],
)
def test_malformed_allowed_hosts_are_refused_naming_the_variable_and_the_host(raw, bad):
    with pytest.raises(ImproperlyConfigured, match="^DJANGO_ALLOWED_HOSTS must be") as raised:
        env_hosts("DJANGO_ALLOWED_HOSTS", default=[], environ={"DJANGO_ALLOWED_HOSTS": raw})

    assert bad in str(raised.value)


# --- DATABASE_URL -------------------------------------------------------------------------


def test_database_url_selects_postgresql():
    environ = {"DATABASE_URL": "postgres://claims:pw@db.example.org:5433/claimtracker"}

    config = env_database("DATABASE_URL", default=SQLITE, environ=environ)

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == (
        "db.example.org",
        5433,
        "claimtracker",
    )


def test_without_database_url_sqlite_is_the_default():
    config = env_database("DATABASE_URL", default=SQLITE, environ={})

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "db.sqlite3"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://x/y", "must point to PostgreSQL"),
        ("oracle://u:p@h/db", "must point to PostgreSQL"),
        ("not a url", "is not a valid database URL"),
        ("postgres://u@h:99999/db", "is not a valid database URL"),
        ("postgres://db.example.org", "must name a database"),
    ],
)
def test_a_malformed_database_url_is_refused_naming_the_variable(url, says):
    with pytest.raises(ImproperlyConfigured, match=f"^DATABASE_URL {says}"):
        env_database("DATABASE_URL", default=SQLITE, environ={"DATABASE_URL": url})


def test_a_refused_database_url_does_not_reveal_its_password():
    url = "postgres://claims:s3cret-pa55@db.example.org"

    with pytest.raises(ImproperlyConfigured) as raised:
        env_database("DATABASE_URL", default=SQLITE, environ={"DATABASE_URL": url})

    assert "DATABASE_URL" in str(raised.value)
    assert "s3cret-pa55" not in str(raised.value)
    assert "db.example.org" in str(raised.value)


# --- whole numbers ------------------------------------------------------------------------


def test_hsts_seconds_reads_a_whole_number():
    environ = {"DJANGO_SECURE_HSTS_SECONDS": " 3600 "}
    assert env_int("DJANGO_SECURE_HSTS_SECONDS", default=0, environ=environ) == 3600
    assert env_int("DJANGO_SECURE_HSTS_SECONDS", default=60, environ={}) == 60


@pytest.mark.parametrize(
    ("raw", "says"),
    [("1y", "be a whole number"), ("3.5", "be a whole number"), ("-1", "not be negative")],
)
def test_malformed_hsts_seconds_are_refused_naming_the_variable(raw, says):
    with pytest.raises(ImproperlyConfigured, match=f"^DJANGO_SECURE_HSTS_SECONDS must {says}"):
        env_int(
            "DJANGO_SECURE_HSTS_SECONDS", default=0, environ={"DJANGO_SECURE_HSTS_SECONDS": raw}
        )


# --- SECRET_KEY ---------------------------------------------------------------------------


def test_secret_key_is_required_when_debug_is_off():
    with pytest.raises(ImproperlyConfigured, match="^DJANGO_SECRET_KEY must be set"):
        env_secret_key("DJANGO_SECRET_KEY", debug=False, environ={})


def test_secret_key_is_read_from_the_environment():
    environ = {"DJANGO_SECRET_KEY": "k" * 50}
    assert env_secret_key("DJANGO_SECRET_KEY", debug=False, environ=environ) == "k" * 50


def test_a_development_key_is_used_only_with_debug_on():
    key = env_secret_key("DJANGO_SECRET_KEY", debug=True, environ={})
    assert key.startswith("django-insecure-")


# --- start-up of manage.py ----------------------------------------------------------------


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean slate: no DJANGO_* from the test settings (they set a test key, hosts and
    # no SSL redirect), manage.py's own settings module. DATABASE_URL stays, if set.
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and not name.startswith("CLAIMTRACKER_")
    }
    # Nor the checkout's development .env, which manage.py would read (`make run` wrote it).
    environ["CLAIMTRACKER_ENV_FILE"] = os.devnull
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_debug_switch_stops_start_up_naming_it():
    result = manage("check", DJANGO_DEBUG="perhaps")

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_DEBUG must be one of" in result.stderr


def test_production_settings_without_a_secret_key_do_not_start():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_without_redis_aggregates_stay_in_each_process_and_versions_in_the_database():
    caches = env_cache("REDIS_URL", {})
    # The data version (and the throttles and lockouts) must be shared by every worker;
    # the aggregates, keyed by the versions they were made from, need not be.
    assert caches["default"]["BACKEND"].endswith("DatabaseCache")
    assert caches["aggregates"]["BACKEND"].endswith("LocMemCache")


def test_with_redis_both_caches_are_shared_and_kept_apart():
    caches = env_cache("REDIS_URL", {"REDIS_URL": "redis://127.0.0.1:6379/1"})
    assert {c["BACKEND"] for c in caches.values()} == {
        "django.core.cache.backends.redis.RedisCache"
    }
    assert caches["aggregates"]["KEY_PREFIX"] != caches["default"].get("KEY_PREFIX", "")


def test_a_cache_url_that_is_not_redis_is_refused_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must be a redis:// URL"):
        env_cache("REDIS_URL", {"REDIS_URL": "memcached://127.0.0.1:11211"})
