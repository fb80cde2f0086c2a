"""The checkout's .env: `make run` writes development values that manage.py reads, so the
README's commands work as typed, while servers and tests never read it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from claimtracker.environment import load_env_file, read_env_file

ROOT = Path(__file__).resolve().parents[2]


def bare_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a newcomer's shell: no Django settings of ours at all."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CLAIMTRACKER_", "DATABASE_"))
    }
    environ["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    environ["CLAIMTRACKER_ENV_FILE"] = str(tmp_path / ".env")
    return environ | extra


def manage(environ: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def env_file(tmp_path):
    """The .env exactly as `make run` writes it, into a temporary folder."""
    path = tmp_path / ".env"
    subprocess.run(
        ["make", "--no-print-directory", f"ENV_FILE={path}", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return path


def test_make_run_writes_debug_and_a_random_secret_key(env_file, tmp_path):
    values = read_env_file(env_file)
    assert values["DJANGO_DEBUG"] == "1"
    assert len(values["DJANGO_SECRET_KEY"]) > 40
    second = tmp_path / "second"
    second.mkdir()
    subprocess.run(
        ["make", "--no-print-directory", f"ENV_FILE={second / '.env'}", str(second / ".env")],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert read_env_file(second / ".env")["DJANGO_SECRET_KEY"] != values["DJANGO_SECRET_KEY"]


def test_management_commands_work_as_typed_after_make_run(env_file, tmp_path):
    environ = bare_environment(tmp_path)

    migrated = manage(environ, "migrate", "--no-input", "-v0")
    checked = manage(environ, "check_quotes")

    assert migrated.returncode == 0, migrated.stderr
    assert checked.returncode == 0, checked.stderr


def test_without_the_env_file_a_command_asks_for_the_secret_key(tmp_path):
    result = manage(bare_environment(tmp_path), "check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_the_environment_wins_over_the_env_file(env_file, tmp_path):
    show_debug = [
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
    ]

    from_file = manage(bare_environment(tmp_path), *show_debug)
    overridden = manage(bare_environment(tmp_path, DJANGO_DEBUG="0"), *show_debug)

    assert from_file.stdout.strip() == "True", from_file.stderr
    assert overridden.stdout.strip() == "False", overridden.stderr


def test_a_server_never_reads_the_env_file(env_file, tmp_path):
    # gunicorn loads claimtracker.wsgi: production settings, whatever the checkout holds.
    result = subprocess.run(
        [sys.executable, "-c", "import claimtracker.wsgi"],
        cwd=ROOT,
        env=bare_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_malformed_env_file_is_refused_naming_its_line(tmp_path):
    path = tmp_path / ".env"
    path.write_text("# comment\nDJANGO_DEBUG=1\nthis is not a setting\n")

    with pytest.raises(ImproperlyConfigured, match=r"\.env:3 is not a KEY=VALUE line"):
        read_env_file(path)


def test_the_env_file_reader_takes_quotes_export_and_keeps_what_is_set(tmp_path):
    path = tmp_path / ".env"
    path.write_text("export A='one two'\nB=\"three\"\nC=kept-from-file\n")
    environ = {"C": "from-the-environment"}

    load_env_file(path, environ)

    assert environ == {"A": "one two", "B": "three", "C": "from-the-environment"}


def test_make_run_serves_on_the_port_given():
    planned = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "PORT=8001"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "runserver 127.0.0.1:8001" in planned.stdout
