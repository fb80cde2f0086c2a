"""Statements, their quotes, and the article bodies the quotes are spans of.

Deterministic for a given seed: statements are generated in fixed blocks, each with its
own random stream, and every article body from its own stream, so neither the batch size
nor the database changes the data.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claims.corpus.cast import Cast
from claims.corpus.shape import (
    ARTICLE_WINDOW,
    BACKFILL_SHARE,
    BLOCK,
    DAYS,
    PRECISION_WEIGHTS,
    PRECISIONS,
    QUOTES_PER_STATEMENT,
    QUOTES_WEIGHTS,
    START,
    Sizes,
)
from claims.corpus.words import MONTHS, WEEKDAYS, Phrases
from sources.text import CONTEXT_LENGTH


@dataclass
class PendingQuote:
    statement_id: int
    made_on: datetime.date
    who: str
    text: str


def _date_wording(rng: random.Random, made_on: datetime.date, precision: str) -> str:
    roll = rng.random()
    if precision == "day":
        if roll < 0.35:
            return f"on {WEEKDAYS[made_on.weekday()]}"
        if roll < 0.6:
            return f"on {MONTHS[made_on.month - 1]} {made_on.day}"
        return ""
    if precision == "month":
        return f"in {MONTHS[made_on.month - 1]}" if roll < 0.5 else ""
    return f"in {made_on.year}" if roll < 0.5 else ""


def _stance(rng: random.Random, actor: int, claim: int, seed: int) -> str:
    # Each actor leans one way on each claim; about a fifth of statements depart from
    # the lean, which makes position changes.
    lean = ((actor * 2654435761 + claim * 40503 + seed * 97) >> 5) % 10
    if rng.random() < 0.8:
        return "asserted" if lean < 5 else "denied" if lean < 8 else "confirmed"
    return rng.choice(("asserted", "denied", "confirmed"))


class StatementMaker:
    def __init__(self, sizes: Sizes, seed: int, cast: Cast, phrases: Phrases):
        self.sizes, self.seed, self.cast, self.phrases = sizes, seed, cast, phrases
        self.window = min(ARTICLE_WINDOW, sizes.articles)

    def first_article(self, index: int) -> int:
        """The earliest article (0-based) that statement `index` may be quoted in;
        never decreases with the index, so articles before it are complete."""
        position = index * self.sizes.articles // self.sizes.statements
        return min(position, self.sizes.articles - self.window)

    def block(self, number: int) -> Iterable[tuple[tuple, list[tuple[int, PendingQuote]]]]:
        """Statements rows of one block, each with its (article index, quote) pairs."""
        cast, sizes = self.cast, self.sizes
        rng = random.Random(f"{self.seed}:statements:{number}")
        first = number * BLOCK
        last = min(sizes.statements, first + BLOCK)
        count = last - first
        actors = rng.choices(cast.speaking_ranking, cum_weights=cast.speaking_weights, k=count)
        claims = rng.choices(cast.claim_ranking, cum_weights=cast.claim_weights, k=count)
        quote_counts = rng.choices(QUOTES_PER_STATEMENT, QUOTES_WEIGHTS, k=count)
        precisions = rng.choices(PRECISIONS, PRECISION_WEIGHTS, k=count)
        for offset in range(count):
            index = first + offset
            pk = index + 1
            actor, claim = actors[offset], claims[offset]
            day = index * DAYS // sizes.statements
            if rng.random() < BACKFILL_SHARE:
                day = rng.randrange(0, day + 1)
            else:
                day = max(0, day - rng.randrange(0, 21))
            made_on = START + datetime.timedelta(days=day)
            precision = precisions[offset]
            if precision == "month":
                made_on = made_on.replace(day=1)
            elif precision == "year":
                made_on = made_on.replace(month=1, day=1)
            speaker = None
            people = cast.spokespeople.get(actor)
            if people and people[0] and rng.random() < 0.6:
                speaker = rng.choices(people[0], cum_weights=people[1])[0]
            who = cast.names[speaker or actor]
            created = datetime.datetime.combine(
                made_on + datetime.timedelta(days=1), datetime.time(12), datetime.UTC
            )
            row = (
                pk,
                actor,
                cast.parties[actor],
                speaker,
                claim,
                _stance(rng, actor, claim, self.seed),
                made_on,
                precision,
                _date_wording(rng, made_on, precision),
                "",
                created,
                created,
                1,
            )
            base = self.first_article(index)
            articles = rng.sample(range(base, base + self.window), quote_counts[offset])
            quotes = [
                (a, PendingQuote(pk, made_on, who, self.phrases.quote(rng))) for a in articles
            ]
            yield row, quotes


def build_article(
    index: int, quotes: Sequence[PendingQuote], seed: int, cast: Cast, phrases: Phrases, sizes
) -> tuple[tuple, list[tuple]]:
    """An article row and its quotes' (statement, start, end, text, prefix, suffix)."""
    rng = random.Random(f"{seed}:article:{index}")
    pk = index + 1
    outlet_id, _, outlet_slug, _ = cast.outlets[
        bisect_right(cast.outlet_weights, rng.random() * cast.outlet_weights[-1])
    ]
    published = START + datetime.timedelta(days=index * DAYS // sizes.articles)
    # Never before the statements it reports (the last articles take the last ones).
    published = max([published, *(quote.made_on for quote in quotes)])
    items: list[PendingQuote | str] = list(quotes)
    items += rng.choices(phrases.fillers, k=rng.randint(2, 10))
    rng.shuffle(items)
    parts: list[str] = []
    length = 0
    spans = []
    for n, item in enumerate(items):
        if n:
            sep = "\n\n" if rng.random() < 0.3 else " "
            parts.append(sep)
            length += len(sep)
        if isinstance(item, str):
            sentence = item
        elif rng.random() < 0.5:
            lead = f'{item.who} said: "'
            sentence = f'{lead}{item.text}."'
            spans.append((item, length + len(lead)))
        else:
            sentence = f'"{item.text}," {item.who} said.'
            spans.append((item, length + 1))
        parts.append(sentence)
        length += len(sentence)
    body = "".join(parts)
    title = phrases.title(rng)
    url = f"https://www.{outlet_slug}.example.com/{published:%Y/%m/%d}/story-{pk}"
    article = (pk, outlet_id, title, url, published, "en", body, "", 1)
    rows = []
    for item, start in spans:
        end = start + len(item.text)
        rows.append(
            (
                item.statement_id,
                pk,
                start,
                end,
                item.text,
                body[max(0, start - CONTEXT_LENGTH) : start],
                body[end : end + CONTEXT_LENGTH],
            )
        )
    return article, rows
