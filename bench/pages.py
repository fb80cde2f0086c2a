"""The page cases, the fresh filter combinations, and each case timed cold and warm.

Cold: before each timed request the writer commits a write to a statement (bench.writer),
so the request is the first after a write; the "(fresh)" cases also use, for each
request, a filter combination never requested before in the run. Warm: the same page
(for a fresh case, its first combination) requested again and again with no write
between, as before.
"""

from __future__ import annotations

import argparse
import random
import statistics
import urllib.parse

from bench import log
from bench.client import cursor_for, request, summary, time_page, timed_series
from bench.writer import Writer

FACETS = ("stance", "year", "claim", "actor", "outlet")
FRESH = {
    "statement list, one filter (fresh)": 1,
    "statement list, two filters (fresh)": 2,
    "statement list, three filters (fresh)": 3,
}


class Combos:
    """Filter combinations drawn from the corpus facts (stance, year, and busy and rare
    claim, actor and outlet slugs): fresh() never gives one requested before in the run."""

    def __init__(self, info: dict, seed: int):
        self.values = {
            "stance": info["stances"],
            "year": [str(y) for y in info["years"]],
            "claim": info["filter_claims"],
            "actor": info["filter_actors"],
            "outlet": info["filter_outlets"],
        }
        self.rng = random.Random(f"combos:{seed}")
        self.seen: set[tuple] = set()

    def draw(self, count: int, rng: random.Random | None = None) -> tuple:
        rng = rng or self.rng
        return tuple(sorted((f, rng.choice(self.values[f])) for f in rng.sample(FACETS, count)))

    def path(self, pairs: tuple) -> str:
        return "/statements/?" + urllib.parse.urlencode(pairs)

    def mark(self, path: str) -> None:
        query = urllib.parse.urlparse(path).query
        self.seen.add(tuple(sorted(urllib.parse.parse_qsl(query))))

    def fresh(self, count: int) -> str:
        for _ in range(100_000):
            pairs = self.draw(count)
            if pairs not in self.seen:
                self.seen.add(pairs)
                return self.path(pairs)
        raise RuntimeError(f"no fresh combination of {count} filters left")

    def any(self, count: int, rng: random.Random) -> str:
        """A combination for the load: random, requested before or not."""
        return self.path(self.draw(count, rng))


def fixed_pages(info: dict) -> dict[str, str]:
    """The cases with one path each (the fresh cases draw theirs)."""
    year = 2020 if 2020 in info["years"] else info["years"][len(info["years"]) // 2]
    return {
        "statement list": "/statements/",
        "statement list, stance=denied": "/statements/?stance=denied",
        "statement list, year=2020": f"/statements/?year={year}",
        "search, common word": f"/statements/?q={info['common_word']}",
        "search, rare word": f"/statements/?q={info['rare_word']}",
        "actor page, busiest actor": f"/actors/{info['busiest_actor']}/",
        "claim page, busiest claim": f"/claims/{info['busiest_claim']}/",
        "home": "/",
        "API list, first page": "/api/v1/statements/",
        "API list, cursor past 90%": "/api/v1/statements/?"
        + urllib.parse.urlencode({"cursor": cursor_for(info["deep_id"])}),
    }


def case_names(info: dict) -> list[str]:
    names = list(fixed_pages(info))
    return names[:3] + list(FRESH) + names[3:]


def time_cold(port: int, paths, writer: Writer, args: argparse.Namespace) -> dict:
    """`args.cold_repeat` requests, each right after a committed write; `paths` gives
    each request's path. Bounded by the page budget (at least 3 samples)."""
    writes, requested = [], []

    def after_a_write():
        requested.append(paths())
        writes.append(writer.write())
        return request(port, requested[-1], timeout=args.request_timeout)

    times, statuses, size, note = timed_series(args, args.cold_repeat, after_a_write)
    timing = summary(requested[0], times, statuses, size, note)
    timing["write_ms"] = statistics.median(writes) * 1000
    return timing


def time_cases(port: int, info: dict, combos: Combos, writer: Writer, args) -> dict:
    """Each case cold then warm: {name: {"path", "cold", "warm"}}."""
    fixed = fixed_pages(info)
    for path in fixed.values():
        combos.mark(path)
    pages = {}
    for name in case_names(info):
        if name in FRESH:
            count = FRESH[name]
            cold = time_cold(port, lambda c=count: combos.fresh(c), writer, args)
        else:
            cold = time_cold(port, lambda p=fixed[name]: p, writer, args)
        warm = time_page(port, cold["path"], args)
        pages[name] = {"path": cold["path"], "cold": cold, "warm": warm}
        log(
            f"  {name:<38} cold median {cold['median_ms']:7.1f} p95 {cold['p95_ms']:7.1f}"
            f" | warm median {warm['median_ms']:7.1f} p95 {warm['p95_ms']:7.1f} ms"
            f"  {sorted({*cold['statuses'], *warm['statuses']})} {cold['note']} {warm['note']}"
        )
    return pages
