"""The concurrent load: many clients on a mixed read workload for a fixed time, with or
without a writer committing a write to a statement every few seconds."""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
from collections.abc import Callable

from bench.client import percentile, request
from bench.pages import Combos
from bench.writer import Writer


def read_mix(info: dict, combos: Combos) -> list[tuple[int, Callable[[random.Random], str]]]:
    """The load's mixed read workload: (weight, path drawn from a random generator)."""
    common, rare = info["common_word"], info["rare_word"]
    words = [common, rare, *info["words"]]
    stances = ("asserted", "denied", "confirmed")
    return [
        (10, lambda r: "/statements/"),
        (8, lambda r: f"/statements/?stance={r.choice(stances)}"),
        (8, lambda r: f"/statements/?q={r.choice(words)}"),
        (5, lambda r: f"/statements/?page={r.randint(2, 20)}"),
        (5, lambda r: f"/statements/?actor={r.choice(info['top_actors'][:20])}"),
        (6, lambda r: combos.any(1, r)),
        (6, lambda r: combos.any(2, r)),
        (4, lambda r: combos.any(3, r)),
        (3, lambda r: combos.any(1, r) + f"&q={r.choice(words)}"),
        (12, lambda r: f"/actors/{r.choice(info['top_actors'])}/"),
        (12, lambda r: f"/claims/{r.choice(info['top_claims'])}/"),
        (10, lambda r: "/"),
        (12, lambda r: f"/statements/{r.randint(1, info['max_statement_id'])}/"),
        (6, lambda r: f"/articles/{r.randint(1, info['max_article_id'])}/"),
        (6, lambda r: "/api/v1/statements/"),
        (6, lambda r: f"/api/v1/statements/?claim={r.choice(info['top_claims'][:20])}"),
    ]


def load_test(
    port: int, info: dict, combos: Combos, args: argparse.Namespace, writer: Writer | None
) -> dict:
    """`args.clients` threads issuing a mixed read workload for `args.load_seconds`; with
    a writer, one more thread has it commit a write every `args.write_interval` s."""
    clients, seconds, seed = args.clients, args.load_seconds, args.seed
    mix = read_mix(info, combos)
    weights = [w for w, _ in mix]
    results: list[tuple[float, int | str]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(f"{seed}:{number}")
        while time.monotonic() < deadline:
            path = rng.choices(mix, weights)[0][1](rng)
            try:
                status, elapsed, _ = request(port, path, timeout=args.request_timeout)
            except Exception as error:  # a timeout or a dropped connection is an error
                status, elapsed = type(error).__name__, 0.0
            with lock:
                results.append((elapsed, status))

    writes: list[float] = []
    write_errors: list[str] = []

    def write_every() -> None:
        while time.monotonic() < deadline:
            began = time.monotonic()
            try:
                writes.append(writer.write())
            except Exception as error:  # counted and reported; the readers go on
                write_errors.append(f"{type(error).__name__}: {error}")
                return
            time.sleep(
                max(
                    0.0,
                    min(
                        args.write_interval - (time.monotonic() - began),
                        deadline - time.monotonic(),
                    ),
                )
            )

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    if writer is not None:
        threads.append(threading.Thread(target=write_every))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ok = [t for t, status in results if isinstance(status, int) and status < 400]
    errors: dict[str, int] = {}
    for _, status in results:
        if not (isinstance(status, int) and status < 400):
            errors[str(status)] = errors.get(str(status), 0) + 1
    return {
        "clients": clients,
        "seconds": elapsed,
        "requests": len(results),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "throughput": len(results) / elapsed,
        "median_ms": statistics.median(ok) * 1000 if ok else None,
        "p95_ms": percentile(ok, 0.95) * 1000 if ok else None,
        "writer": writer is not None,
        "writes": len(writes),
        "write_median_ms": statistics.median(writes) * 1000 if writes else None,
        "write_errors": write_errors,
    }
