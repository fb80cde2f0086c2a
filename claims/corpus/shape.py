"""The corpus's shape: its sizes for N statements, its dates, its distributions.

Shape, for N statements (the issue's figures at N = 1,000,000): outlets N/5000 (200),
actors N/500 (2,000: states, organisations, media, and persons who mostly speak for a
state or organisation), each with a few aliases, claims N/200 (5,000), articles N/5
(200,000), one to four quotes per statement (two on average), each an exact span of its
article's body with 32 characters of context. Actors, claims and outlets are drawn from
Zipf-like distributions, so a few of them hold most statements; dates cover ten years;
stances are mixed and mostly stable per actor and claim, with position changes; date
precision is mostly day.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

# Bump when the data generated for a given seed changes, so cached corpora are rebuilt.
CORPUS_VERSION = "1"

# Words the benchmark searches for: one in about 6% of quotes, one in about 1 in 10,000.
COMMON_WORD = "drones"
COMMON_WORD_SHARE = 0.06
RARE_WORD = "ornithopter"
RARE_WORD_SHARE = 1 / 10_000

START = datetime.date(2015, 1, 1)
DAYS = (datetime.date(2025, 1, 1) - START).days  # ten years

BLOCK = 1000  # statements per random stream: fixed, so --batch cannot change the data
ARTICLE_WINDOW = 12  # a statement's quotes come from articles this close in time
QUOTES_PER_STATEMENT = (1, 2, 3, 4)
QUOTES_WEIGHTS = (0.38, 0.34, 0.18, 0.10)  # mean 2.0
PRECISIONS = ("day", "month", "year")
PRECISION_WEIGHTS = (0.82, 0.13, 0.05)
BACKFILL_SHARE = 0.1  # statements entered long after they were made


@dataclass(frozen=True)
class Sizes:
    statements: int
    outlets: int
    actors: int
    claims: int
    articles: int

    @classmethod
    def for_statements(cls, statements: int) -> Sizes:
        return cls(
            statements=statements,
            outlets=max(10, statements // 5000),
            actors=max(30, statements // 500),
            claims=max(20, statements // 200),
            articles=max(50, statements // 5),
        )


@dataclass
class Report:
    sizes: Sizes
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class CorpusError(Exception):
    pass


def zipf_cum_weights(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1 / (rank**s) for rank in range(1, n + 1)))
