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


@pytest.fixture
def figure(request):
    def record(text: str) -> None:
        RECORDED.append((request.node.nodeid, f"[{connection.vendor}] {text}"))

    return record


def pytest_terminal_summary(terminalreporter):
    if not RECORDED:
        return
    terminalreporter.section("figures")
    for nodeid, text in RECORDED:
        terminalreporter.write_line(f"{text}  ({nodeid})")
