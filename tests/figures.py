"""Figures the guarantee tests measure, printed together at the end of the run.

A test that proves a guarantee with a number (so many payloads, so many concurrent
clients, so many bad requests) takes the `figure` fixture and records one line; the line
is printed under "figures" in the summary even when output is captured, so CI's log
shows what was proven on which database.
"""

from __future__ import annotations

import pytest
from django.db import connection

RECORDED: list[tuple[str, str]] = []


def record_figure(nodeid: str, text: str) -> None:
    """Record a figure from where the `figure` fixture cannot be had: a module- or
    session-scoped fixture's teardown, which runs after all the tests it counted."""
    RECORDED.append((nodeid, f"[{connection.vendor}] {text}"))


@pytest.fixture
def figure(request):
    def record(text: str) -> None:
        record_figure(request.node.nodeid, text)

    return record


def pytest_terminal_summary(terminalreporter):
    if not RECORDED:
        return
    terminalreporter.section("figures")
    for nodeid, text in RECORDED:
        terminalreporter.write_line(f"{text}  ({nodeid})")
