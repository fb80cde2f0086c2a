"""One timed HTTP request, the API's cursors, and the timing of one page."""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import math
import statistics
import time
import urllib.parse

from bench import HOST


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 15 samples is the largest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def request(port: int, path: str, timeout: float = 300, sink=None) -> tuple[int, float, int]:
    """GET path over a fresh connection, reading the whole body: (status, seconds, bytes)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        size = 0
        while True:
            chunk = response.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if sink:
                sink(chunk)
        return response.status, time.perf_counter() - started, size
    finally:
        connection.close()


def get_json(port: int, path: str) -> dict:
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:300]!r}")
        return json.loads(body)
    finally:
        connection.close()


def cursor_for(position: int) -> str:
    """A DRF CursorPagination cursor (ordering -id) that starts below `position`: the
    same encoding as the `next` links, base64 of "p=<id>"."""
    return base64.b64encode(urllib.parse.urlencode({"p": str(position)}).encode()).decode()


def decode_cursor(url: str) -> dict:
    query = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
    raw = base64.b64decode(query["cursor"][0]).decode()
    return {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}


def time_page(port: int, path: str, args: argparse.Namespace) -> dict:
    """`args.warmup` warm-ups then `args.repeat` timed requests, bounded by a time budget:
    a page slower than the budget is timed once (its first, cold request)."""
    statuses = set()
    status, first, size = request(port, path, timeout=args.request_timeout)
    statuses.add(status)
    times, note = [], ""
    if first > args.page_budget:
        times, note = [first], "one cold request (slower than the time budget)"
    else:
        for _ in range(args.warmup - 1 if first < args.page_budget / 4 else 0):
            statuses.add(request(port, path, timeout=args.request_timeout)[0])
        times, more, size, note = timed_series(
            args, args.repeat, lambda: request(port, path, timeout=args.request_timeout)
        )
        statuses |= more
    return summary(path, times, statuses, size, note)


def timed_series(args: argparse.Namespace, repeat: int, take) -> tuple[list, set, int, str]:
    """`repeat` samples of take() -> (status, seconds, size), stopped by the page budget
    once there are at least 3: the times, statuses, last size and a note if cut short."""
    times, statuses, size, note = [], set(), 0, ""
    started = time.perf_counter()
    while len(times) < repeat:
        status, seconds, size = take()
        statuses.add(status)
        times.append(seconds)
        if time.perf_counter() - started > args.page_budget and len(times) >= 3:
            note = f"{len(times)} samples within the {args.page_budget:.0f}s budget"
            break
    return times, statuses, size, note


def summary(path: str, times: list[float], statuses: set, size: int, note: str = "") -> dict:
    """Median, p95 (nearest rank) and minimum of timed requests, in ms."""
    return {
        "path": path,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "min_ms": min(times) * 1000,
        "bytes": size,
        "statuses": sorted(statuses),
        "samples": len(times),
        "note": note,
    }
