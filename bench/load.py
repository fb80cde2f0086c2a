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


def read_mix(info: dict, combos: Combos) -> list[tuple[str, int, Callable[[random.Random], str]]]:
    """The load's mixed read workload: (kind, weight, path drawn from a random generator)."""
    common, rare = info["common_word"], info["rare_word"]
    words = [common, rare, *info["words"]]
    stances = ("asserted", "denied", "confirmed")
    top_claims = info["top_claims"][:20]
    return [
        ("statement list", 10, lambda r: "/statements/"),
        ("stance", 8, lambda r: f"/statements/?stance={r.choice(stances)}"),
        ("search", 8, lambda r: f"/statements/?q={r.choice(words)}"),
        ("deep page", 5, lambda r: f"/statements/?page={r.randint(2, 20)}"),
        ("actor filter", 5, lambda r: f"/statements/?actor={r.choice(info['top_actors'][:20])}"),
        ("one filter", 6, lambda r: combos.any(1, r)),
        ("two filters", 6, lambda r: combos.any(2, r)),
        ("three filters", 4, lambda r: combos.any(3, r)),
        ("filter and search", 3, lambda r: combos.any(1, r) + f"&q={r.choice(words)}"),
        ("actor page", 12, lambda r: f"/actors/{r.choice(info['top_actors'])}/"),
        ("claim page", 12, lambda r: f"/claims/{r.choice(info['top_claims'])}/"),
        ("home", 10, lambda r: "/"),
        ("statement page", 12, lambda r: f"/statements/{r.randint(1, info['max_statement_id'])}/"),
        ("article page", 6, lambda r: f"/articles/{r.randint(1, info['max_article_id'])}/"),
        ("API list", 6, lambda r: "/api/v1/statements/"),
        ("API list, claim", 6, lambda r: f"/api/v1/statements/?claim={r.choice(top_claims)}"),
    ]


def load_test(
    port: int, info: dict, combos: Combos, args: argparse.Namespace, writer: Writer | None
) -> dict:
    """`args.clients` threads issuing a mixed read workload for `args.load_seconds`; with
    a writer, one more thread has it commit a write every `args.write_interval` s."""
    clients, seconds, seed = args.clients, args.load_seconds, args.seed
    mix = read_mix(info, combos)
    weights = [w for _, w, _ in mix]
    results: list[tuple[str, float, int | str]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(f"{seed}:{number}")
        while time.monotonic() < deadline:
            kind, _, draw = rng.choices(mix, weights)[0]
            path = draw(rng)
            try:
                status, elapsed, _ = request(port, path, timeout=args.request_timeout)
            except Exception as error:  # a timeout or a dropped connection is an error
                status, elapsed = type(error).__name__, 0.0
            with lock:
                results.append((kind, elapsed, status))

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
    ok = [t for _, t, status in results if isinstance(status, int) and status < 400]
    errors: dict[str, int] = {}
    for _, _, status in results:
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
        "kinds": by_kind(results),
        "writer": writer is not None,
        "writes": len(writes),
        "write_median_ms": statistics.median(writes) * 1000 if writes else None,
        "write_errors": write_errors,
    }


def by_kind(results: list[tuple[str, float, int | str]]) -> dict[str, dict]:
    """Each kind of request's count, median and p95 (ms), and its share of the time all
    requests took: which kinds the load's latency is made of."""
    spent = sum(t for _, t, _ in results) or 1.0
    kinds: dict[str, list[float]] = {}
    for kind, elapsed, _ in results:
        kinds.setdefault(kind, []).append(elapsed)
    return {
        kind: {
            "requests": len(times),
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": percentile(times, 0.95) * 1000,
            "share": sum(times) / spent,
        }
        for kind, times in sorted(kinds.items(), key=lambda item: -sum(item[1]))
    }
