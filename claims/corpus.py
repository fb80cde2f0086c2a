"""A synthetic but realistic corpus for scale tests (`manage.py generate_corpus`).

Shape, for N statements (the issue's figures at N = 1,000,000): outlets N/5000 (200),
actors N/500 (2,000: states, organisations, media, and persons who mostly speak for a
state or organisation), each with a few aliases, claims N/200 (5,000), articles N/5
(200,000), one to four quotes per statement (two on average), each an exact span of its
article's body with 32 characters of context. Actors, claims and outlets are drawn from
Zipf-like distributions, so a few of them hold most statements; dates cover ten years;
stances are mixed and mostly stable per actor and claim, with position changes; date
precision is mostly day.

Deterministic for a given seed: statements are generated in fixed blocks, each with its
own random stream, and every article body from its own stream, so neither the batch size
nor the database changes the data.

Loading: COPY through psycopg 3 on PostgreSQL, executemany on SQLite, with explicit ids
and sequences reset afterwards, in one transaction. No simple-history rows are written.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import math
import random
import sys
import time
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connections, transaction
from django.utils.text import slugify

from claims import cached
from claims.database import search as quote_search
from claims.models import (
    Actor,
    ActorAlias,
    Claim,
    MergedActor,
    MergedClaim,
    Quote,
    Statement,
)
from sources.models import Article, Outlet
from sources.text import CONTEXT_LENGTH

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

CORPUS_MODELS = (Outlet, Article, Actor, ActorAlias, Claim, Statement, Quote)


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


# --------------------------------------------------------------------------- words


def _words(text: str) -> list[str]:
    return text.split()


NEWS_WORDS = _words(
    """
officials said government ministry foreign defence military forces attack missile missiles
weapons supply supplied delivered shipment shipments army navy border ceasefire talks
sanctions evidence report reports intelligence sources spokesman spokeswoman minister
president embassy agreement treaty troops strike strikes airfield satellite images
production factory components engines warheads launch launched deny denied confirm
confirmed claims allegations accused accuses statement statements press conference
briefing interview television agency official unnamed senior analysts experts according
week month year region regional security council resolution vote parliament election
oil gas pipeline energy exports imports trade deal negotiations envoy delegation summit
visit capital city province frontline offensive counteroffensive casualties civilians
infrastructure power grid drone aircraft helicopter radar air defence systems ballistic
cruise range payload training instructors advisers volunteers mercenaries contractors
company companies network finance payments banks currency cargo flights ports vessels
tanker ship ships seized inspection inspectors nuclear enrichment uranium programme
facility facilities cyberattack hackers propaganda disinformation media newspaper
journalists investigation documents leaked memo cable officials insisted rejected
dismissed baseless fabricated lies provocation hostile campaign pressure threat threats
warned warning response retaliation escalation de-escalation humanitarian aid corridor
refugees prisoners exchange negotiators mediator mediation neutral partner partners
alliance allies coalition bloc members membership observers monitors mission peacekeepers
withdrawal deployment exercises manoeuvres drills build-up mobilisation conscription
"""
)

SYLLABLES = _words(
    "ka ri to va lo ne sa mi ru de an el or is ta ko ve li na zu be ga ho ju ly pe qu "
    "ra se ti um vo we xa yo za bra cle dri fro gla kro pla sto tre vri ost ark und esk"
)
ACCENTED = ("é", "ü", "ø", "å", "ł", "ș", "ñ", "ç")


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(syllables))
    if rng.random() < 0.05:
        at = rng.randrange(len(word))
        word = word[:at] + rng.choice(ACCENTED) + word[at + 1 :]
    return word


@functools.cache
def vocabulary() -> Vocabulary:
    """News words first, then 20,000 made-up ones, in Zipf order (s = 1.05)."""
    rng = random.Random("claimtracker-vocabulary")
    words = [w for w in dict.fromkeys(NEWS_WORDS) if w not in (COMMON_WORD, RARE_WORD)]
    rng.shuffle(words)
    seen = set(words) | {COMMON_WORD, RARE_WORD}
    while len(words) < 20_000 + len(NEWS_WORDS):
        word = _pseudo_word(rng, rng.choice((2, 2, 3, 3, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return Vocabulary(tuple(words), tuple(zipf_cum_weights(len(words), 1.05)))


def zipf_cum_weights(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1 / (rank**s) for rank in range(1, n + 1)))


class Phrases:
    """Pools of clauses and filler sentences drawn from the vocabulary once per seed;
    quotes and bodies are assembled from them, which is fast and keeps Zipf's law."""

    def __init__(self, seed: int, clauses: int = 30_000, fillers: int = 20_000):
        rng = random.Random(f"{seed}:phrases")
        vocab = vocabulary()
        draws = rng.choices(vocab.words, cum_weights=vocab.cum_weights, k=clauses * 8)
        self.clauses: list[str] = []
        at = 0
        for _ in range(clauses):
            n = rng.randint(4, 9)
            self.clauses.append(" ".join(draws[at : at + n]))
            at += n
        self.fillers = [
            " ".join(rng.choice(self.clauses) for _ in range(rng.randint(1, 3))).capitalize()
            + rng.choice((".", ".", ".", "?", ";"))
            for _ in range(fillers)
        ]
        self.fillers = [s[:-1] + "." if s.endswith(";") else s for s in self.fillers]

    def quote(self, rng: random.Random) -> str:
        clauses = rng.choice((1, 2, 2, 3))
        words = " ".join(rng.choice(self.clauses) for _ in range(clauses)).split(" ")
        if rng.random() < COMMON_WORD_SHARE:
            words.insert(rng.randrange(len(words) + 1), COMMON_WORD)
        if rng.random() < RARE_WORD_SHARE:
            words.insert(rng.randrange(len(words) + 1), RARE_WORD)
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def title(self, rng: random.Random) -> str:
        return " ".join(rng.choice(self.clauses) for _ in range(2)).capitalize()[:200]


@functools.lru_cache(maxsize=2)
def phrases_for(seed: int) -> Phrases:
    return Phrases(seed)


# --------------------------------------------------------------------------- the cast

FIRST_NAMES = _words(
    """
Aleksandr Amir Anna Antony Aziz Bogdan Carla Chen Dariusz Dmitry Elena Emre Farah Fatima
Giorgi Hassan Helga Hossein Ilya Ioana Jake Jana José Kamal Karin Katarzyna Leila Lucas
Marek Maria Mehmet Mikhail Nadia Nasser Nikolai Olena Omar Pavel Petra Rashid Ruslan Sami
Sergei Sofia Søren Tamar Tariq Vasily Vedant Viktor Volodymyr Wally Yana Yury Zofia Zoltán
Ángel Łukasz Björn Chiara Dmytro Ebru Fernando Gulnara Ibrahim Jurgen Kenji Lina Mateusz
"""
)
LAST_NAMES = _words(
    """
Abdollahian Adeyemo Aliyev Amini Bakr Baranov Blinken Borisov Castillo Cohen Dimitrov
Duda Eriksen Farouk Fischer Gashi Gonzalez Haddad Hoffmann Ivanov Jensen Kanaani Karimi
Kovač Kowalski Kuleba Lavrov Levy Lindqvist Lopez Makarov Mansour Medvedev Morozov Müller
Nebenzya Novak Nowak Orlov Patel Peskov Petrov Popescu Pukhov Rahimi Rossi Sadeghi Shai
Sokolov Sullivan Tanaka Tkachenko Ushakov Vasquez Volkov Wójcik Yilmaz Zakharova Zelensky
Ahmadi Bondarenko Chaudhry Dąbrowski Efremov Fedorov Grigoryan Hakimi Ibragimov Jovanović
"""
)
ORG_WORDS_1 = "International Northern Southern Eastern Western Central Atlantic Pacific "
ORG_WORDS_1 += "Continental Federal United Allied Independent Regional Global Joint"
ORG_WORDS_2 = "Defence Energy Security Trade Maritime Aviation Nuclear Monetary Health "
ORG_WORDS_2 += "Development Cooperation Intelligence Research Humanitarian Arms Cyber"
ORG_WORDS_3 = "Council Agency Organisation Union Commission Forum Alliance Committee "
ORG_WORDS_3 += "Bureau Command Corps Authority Office Institute Directorate"
STATE_FORMS = ("{}", "{}", "{}", "Republic of {}", "Kingdom of {}", "{} Federation")
STATE_ENDINGS = ("ia", "stan", "land", "ova", "ar", "ea", "is", "ania", "ovia", "ur")
OUTLET_FORMS = (
    "The {} Times",
    "{} Daily",
    "{} Herald",
    "{} News Agency",
    "{} Today",
    "Radio {}",
    "{} Observer",
    "The {} Post",
    "{} Tribune",
    "{} Wire",
)
WEAPONS = (
    "attack drones",
    "ballistic missiles",
    "cruise missiles",
    "air defence systems",
    "artillery shells",
    "drone engines",
    "military advisers",
    "fighter jets",
    "tanks",
    "small arms",
    "radar equipment",
    "electronic warfare kits",
)
CLAIM_FORMS = (
    "{a} supplied {w} to {b}",
    "{a} trained {b}'s forces to use {w}",
    "{a} built a factory for {w} in {b}",
    "{a} paid {b} for {w} with gold",
    "{a} shipped {w} to {b} by sea",
    "{a} helped {b} evade sanctions on {w}",
    "{a} deployed {w} on {b}'s border",
    "{a} sold {w} to {b} through intermediaries",
)
MONTHS = _words(
    "January February March April May June July August September October November December"
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _unique_slug(text: str, taken: set[str], limit: int = 90) -> str:
    base = slugify(text)[:limit].strip("-") or "x"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def _place_name(rng: random.Random) -> str:
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2))))
    return (stem + rng.choice(STATE_ENDINGS)).capitalize()


def _alias_variants(name: str) -> list[str]:
    """Spellings real reporting uses for the same name (Dmitry/Dmitri, Kyiv/Kiev...)."""
    rules = (("y", "i"), ("i", "y"), ("k", "c"), ("ov", "off"), ("sh", "ch"), ("ei", "ey"))
    variants = []
    for old, new in rules:
        if old in name:
            variants.append(name.replace(old, new, 1))
    return variants


@dataclass
class Cast:
    outlets: list[tuple] = field(default_factory=list)  # id, name, slug, url
    actors: list[tuple] = field(default_factory=list)  # id, name, slug, kind, speaks_for, desc
    aliases: list[tuple] = field(default_factory=list)  # id, actor_id, name
    claims: list[tuple] = field(default_factory=list)  # id, slug, text
    speaking_ranking: list[int] = field(default_factory=list)  # actor ids, busiest first
    speaking_weights: list[float] = field(default_factory=list)
    claim_ranking: list[int] = field(default_factory=list)
    claim_weights: list[float] = field(default_factory=list)
    outlet_weights: list[float] = field(default_factory=list)
    spokespeople: dict[int, tuple[list[int], list[float]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    parties: dict[int, int] = field(default_factory=dict)  # actor id -> its party's id


def build_cast(sizes: Sizes, seed: int) -> Cast:
    rng = random.Random(f"{seed}:cast")
    cast = Cast()
    lower_names: set[str] = set()  # actor names and aliases share one case-insensitive space

    outlet_names: list[str] = []
    taken_outlets: set[str] = set()
    while len(outlet_names) < sizes.outlets:
        name = rng.choice(OUTLET_FORMS).format(_place_name(rng))
        if name.lower() not in taken_outlets:
            taken_outlets.add(name.lower())
            outlet_names.append(name)
    slugs: set[str] = set()
    for i, name in enumerate(outlet_names, start=1):
        slug = _unique_slug(name, slugs)
        cast.outlets.append((i, name, slug, f"https://www.{slug}.example.com/"))
    cast.outlet_weights = zipf_cum_weights(sizes.outlets, 0.9)

    states = max(3, round(sizes.actors * 0.08))
    organisations = max(2, round(sizes.actors * 0.08))
    media = max(1, min(sizes.outlets, round(sizes.actors * 0.04)))
    persons = sizes.actors - states - organisations - media
    actor_slugs: set[str] = set()
    next_id = itertools.count(1)

    def add_actor(name: str, kind: str, speaks_for: int | None, description: str) -> int | None:
        if name.lower() in lower_names:
            return None
        lower_names.add(name.lower())
        pk = next(next_id)
        slug = _unique_slug(name, actor_slugs)
        cast.actors.append((pk, name, slug, kind, speaks_for, description))
        cast.names[pk] = name
        cast.kinds[pk] = kind
        return pk

    state_ids: list[int] = []
    while len(state_ids) < states:
        place = _place_name(rng)
        pk = add_actor(rng.choice(STATE_FORMS).format(place), "state", None, "")
        if pk:
            state_ids.append(pk)
    org_ids: list[int] = []
    while len(org_ids) < organisations:
        words = [rng.choice(ORG_WORDS_1.split()), rng.choice(ORG_WORDS_2.split())]
        name = " ".join([*words, rng.choice(ORG_WORDS_3.split())])
        pk = add_actor(name, "organisation", None, "")
        if pk:
            org_ids.append(pk)
    media_ids = []
    for name in outlet_names[:media]:
        pk = add_actor(name, "media", None, "")
        if pk:
            media_ids.append(pk)
    parties = state_ids + org_ids
    party_weights = zipf_cum_weights(len(parties), 0.8)
    person_ids: list[int] = []
    independents: list[int] = []
    roles = ("spokesperson", "foreign minister", "defence minister", "envoy", "adviser")
    while len(person_ids) < persons:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.15:
            pk = add_actor(name, "person", None, "Independent analyst")
            if pk:
                independents.append(pk)
        else:
            party = rng.choices(parties, cum_weights=party_weights)[0]
            role = rng.choice(roles)
            pk = add_actor(name, "person", party, f"{role} of {cast.names[party]}")
        if pk:
            person_ids.append(pk)

    alias_id = itertools.count(1)
    for pk, name, *_ in list(cast.actors):
        candidates = _alias_variants(name)
        if cast.kinds[pk] == "organisation":
            candidates.append("".join(word[0] for word in name.split()))
        if cast.kinds[pk] == "person":
            candidates.append(name.split(" ", 1)[1])  # the surname alone
        rng.shuffle(candidates)
        for alias in candidates[: rng.choice((0, 1, 1, 2, 3))]:
            if alias.lower() not in lower_names:
                lower_names.add(alias.lower())
                cast.aliases.append((next(alias_id), pk, alias))

    for party in parties:
        cast.spokespeople[party] = ([], [])
    for pk, _, _, _, speaks_for, _ in cast.actors:
        cast.parties[pk] = speaks_for or pk
        if speaks_for:
            cast.spokespeople[speaks_for][0].append(pk)
    for party, (people, _) in cast.spokespeople.items():
        cast.spokespeople[party] = (people, zipf_cum_weights(len(people), 1.0))

    # Who makes statements, busiest first: states lead, then a mix of the rest.
    rest = org_ids + media_ids + independents
    rng.shuffle(state_ids)
    rng.shuffle(rest)
    cast.speaking_ranking = state_ids[: max(1, len(state_ids) // 2)]
    cast.speaking_ranking += rest[: len(rest) // 4] + state_ids[len(cast.speaking_ranking) :]
    cast.speaking_ranking += rest[len(rest) // 4 :]
    cast.speaking_weights = zipf_cum_weights(len(cast.speaking_ranking), 1.0)

    claim_texts: set[str] = set()
    claim_slugs: set[str] = set()
    while len(cast.claims) < sizes.claims:
        a, b = rng.sample(parties, 2)
        text = rng.choice(CLAIM_FORMS).format(
            a=cast.names[a], b=cast.names[b], w=rng.choice(WEAPONS)
        )
        if rng.random() < 0.5:
            text += f" in {rng.randrange(START.year, START.year + 10)}"
        if text.lower() in claim_texts:
            continue
        claim_texts.add(text.lower())
        pk = len(cast.claims) + 1
        cast.claims.append((pk, _unique_slug(text, claim_slugs), text))
    cast.claim_ranking = [pk for pk, *_ in cast.claims]
    rng.shuffle(cast.claim_ranking)
    cast.claim_weights = zipf_cum_weights(len(cast.claim_ranking), 1.0)
    return cast


# --------------------------------------------------------------------------- statements


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


# --------------------------------------------------------------------------- writing


def _columns(model, names: Sequence[str]) -> list[str]:
    return [model._meta.get_field(name).column for name in names]


OUTLET_FIELDS = ("id", "name", "slug", "url", "note", "version")
ACTOR_FIELDS = ("id", "name", "slug", "kind", "speaks_for", "description", "note", "version")
ALIAS_FIELDS = ("id", "actor", "name")
CLAIM_FIELDS = ("id", "slug", "text", "note", "version")
ARTICLE_FIELDS = (
    "id",
    "outlet",
    "title",
    "url",
    "published_on",
    "language",
    "body",
    "note",
    "version",
)
STATEMENT_FIELDS = (
    "id",
    "actor",
    "party",
    "speaker",
    "claim",
    "stance",
    "made_on",
    "made_on_precision",
    "date_wording",
    "note",
    "created_at",
    "updated_at",
    "version",
)
QUOTE_FIELDS = ("id", "statement", "article", "start", "end", "text", "prefix", "suffix", "version")


class Writer:
    def __init__(self, connection):
        self.connection = connection
        self.qn = connection.ops.quote_name

    def write(self, model, fields: Sequence[str], rows: Iterable[Sequence]) -> None:
        raise NotImplementedError


class PostgresWriter(Writer):
    def write(self, model, fields, rows) -> None:
        columns = ", ".join(self.qn(c) for c in _columns(model, fields))
        sql = f"COPY {self.qn(model._meta.db_table)} ({columns}) FROM STDIN"
        with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


class SqliteWriter(Writer):
    def write(self, model, fields, rows) -> None:
        columns = ", ".join(self.qn(c) for c in _columns(model, fields))
        marks = ", ".join("?" * len(fields))
        sql = f"INSERT INTO {self.qn(model._meta.db_table)} ({columns}) VALUES ({marks})"
        with self.connection.cursor() as cursor:
            # Django's cursor wrapper expects %s; go to the sqlite3 cursor directly.
            cursor.cursor.executemany(sql, rows)


class Progress:
    """One line on stderr: counts, rate and ETA (redrawn with \\r on a terminal, else a
    line every few seconds)."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.total, self.stream, self.enabled = total, stream or sys.stderr, enabled
        self.started = time.monotonic()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.last = self.started

    def update(self, done: int, detail: str = "", force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < (0.25 if self.tty else 5.0):
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate else 0
        share = done / self.total if self.total else 1
        bar = "#" * int(share * 24)
        line = (
            f"[{bar:<24}] {done:,}/{self.total:,} statements ({share:.0%}) {detail} "
            f"{rate:,.0f}/s, ETA {_clock(eta)}"
        )
        self.stream.write(("\r" + line + "\033[K") if self.tty else line + "\n")
        self.stream.flush()

    def finish(self, done: int, detail: str = "") -> None:
        self.update(done, detail, force=True)
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def existing_rows(using: str = "default") -> dict[str, int]:
    counts = {}
    for model in (Statement, Quote, Article, Actor, Claim, Outlet):
        counts[model._meta.verbose_name_plural] = model.objects.using(using).count()
    return {name: n for name, n in counts.items() if n}


def _history_models():
    return [model.history.model for model in (*CORPUS_MODELS, MergedActor, MergedClaim)]


def delete_all(connection) -> None:
    """Delete the corpus tables' rows and their history (ids restart at 1)."""
    models = [Quote, Statement, Article, ActorAlias, MergedActor, MergedClaim, Actor, Claim, Outlet]
    tables = [m._meta.db_table for m in [*models, *_history_models()]]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(qn(t) for t in tables)} RESTART IDENTITY CASCADE")
            return
        cursor.execute(f"UPDATE {qn(Actor._meta.db_table)} SET speaks_for_id = NULL")
        for table in tables:
            cursor.execute(f"DELETE FROM {qn(table)}")
        marks = ", ".join("%s" for _ in tables)
        cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({marks})", tables)


BAD_QUOTES_SQL = """
    SELECT q.id FROM {quote} q JOIN {article} a ON a.id = q.article_id
    WHERE q."end" > char_length(a.body)
       OR substr(a.body, q.start + 1, q."end" - q.start) IS DISTINCT FROM q.text
    LIMIT 10
"""


def bad_quote_ids(connection) -> list[int]:
    """Every quote checked against its article body in one query."""
    sql = BAD_QUOTES_SQL.format(
        quote=connection.ops.quote_name(Quote._meta.db_table),
        article=connection.ops.quote_name(Article._meta.db_table),
    )
    if connection.vendor == "sqlite":
        sql = sql.replace("char_length(", "length(")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


QUOTE_TRIGGER = "claims_quote_matches_body"


def generate(
    statements: int,
    seed: int = 1,
    *,
    batch: int = 10_000,
    force_empty: bool = False,
    keep_quote_trigger: bool = False,
    progress: bool = True,
    stream=None,
    using: str = "default",
) -> Report:
    """Generate and load the corpus; see the module docstring."""
    if statements < 1:
        raise CorpusError("Give a positive number of statements.")
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise CorpusError(f"Unsupported database vendor {vendor!r}.")
    sizes = Sizes.for_statements(statements)
    report = Report(sizes, seed)
    present = existing_rows(using)
    if present and not force_empty:
        listed = ", ".join(f"{n:,} {name}" for name, n in present.items())
        raise CorpusError(
            f"The database already holds data ({listed}). generate_corpus loads into an "
            "empty database; give --force-empty to delete all outlets, articles, actors, "
            "claims, statements and quotes (and their history) first."
        )
    clock = time.monotonic()
    cast = build_cast(sizes, seed)
    phrases = phrases_for(seed)
    maker = StatementMaker(sizes, seed, cast, phrases)
    report.seconds["prepare"] = time.monotonic() - clock
    writer = (PostgresWriter if vendor == "postgresql" else SqliteWriter)(connection)
    bar = Progress(statements, stream, progress)
    qn = connection.ops.quote_name
    quote_table = qn(Quote._meta.db_table)

    with transaction.atomic(using=using), connection.cursor() as cursor:
        clock = time.monotonic()
        if present:
            delete_all(connection)
            report.notes.append("Deleted the existing data first (--force-empty).")
        report.seconds["delete"] = time.monotonic() - clock
        trigger_disabled = False
        if vendor == "postgresql":
            # Foreign keys are checked row by row as COPY goes, not queued to the commit.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if not keep_quote_trigger:
                # Inside this transaction: if the load fails or is killed, the trigger
                # comes back with the rollback. Every quote is checked below instead.
                cursor.execute(f"ALTER TABLE {quote_table} DISABLE TRIGGER {QUOTE_TRIGGER}")
                trigger_disabled = True
        else:
            # A bigger page cache for this connection keeps the index inserts in memory.
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -524288")  # 512 MB
            # The FTS index is rebuilt once at the end instead of row by row.
            for sql in quote_search.SQLITE_REVERSE[:3]:
                cursor.execute(sql)
        try:
            clock = time.monotonic()
            _load(writer, sizes, cast, maker, phrases, seed, batch, bar, report)
            report.seconds["load"] = time.monotonic() - clock
            clock = time.monotonic()
            if trigger_disabled:
                bad = bad_quote_ids(connection)
                if bad:
                    raise CorpusError(f"Generated quotes do not match their bodies: {bad}")
                report.notes.append(
                    "The quote trigger was disabled during the load (inside its transaction) "
                    f"and all {report.counts['quotes']:,} quotes were verified with one "
                    "query afterwards: every substr(body, start + 1, end - start) = text."
                )
            report.seconds["verify"] = time.monotonic() - clock
        finally:
            # After a failure the rollback restores the trigger (and SQLite's search
            # triggers) by itself; an aborted PostgreSQL transaction refuses any command.
            if trigger_disabled and not _transaction_failed(connection):
                cursor.execute(f"ALTER TABLE {quote_table} ENABLE TRIGGER {QUOTE_TRIGGER}")
        if vendor == "sqlite":
            clock = time.monotonic()
            for sql in quote_search.SQLITE_FORWARD[1:]:  # triggers, then rebuild
                cursor.execute(sql)
            report.seconds["search index"] = time.monotonic() - clock
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        for sql in connection.ops.sequence_reset_sql(no_style(), CORPUS_MODELS):
            cursor.execute(sql)

    clock = time.monotonic()
    with connection.cursor() as cursor:
        tables = ", ".join(qn(m._meta.db_table) for m in CORPUS_MODELS)
        if vendor == "postgresql":
            if connection.in_atomic_block:  # e.g. inside a test: VACUUM cannot run there
                cursor.execute(f"ANALYZE {tables}")
            else:
                cursor.execute(f"VACUUM (ANALYZE) {tables}")
            report.seconds["analyze"] = time.monotonic() - clock
    cached.data_changed()  # COPY and bulk inserts send no signal
    return report


def _transaction_failed(connection) -> bool:
    from psycopg.pq import TransactionStatus

    return connection.connection.info.transaction_status == TransactionStatus.INERROR


def _load(writer, sizes, cast, maker, phrases, seed, batch, bar, report) -> None:
    writer.write(Outlet, OUTLET_FIELDS, [(i, n, s, u, "", 1) for i, n, s, u in cast.outlets])
    # Persons after the parties they speak for: ids are in that order already.
    writer.write(Actor, ACTOR_FIELDS, [(*a, "", 1) for a in cast.actors])
    writer.write(ActorAlias, ALIAS_FIELDS, cast.aliases)
    writer.write(Claim, CLAIM_FIELDS, [(*c, "", 1) for c in cast.claims])

    bar.started = time.monotonic()
    pending: dict[int, list[PendingQuote]] = {}
    next_article = 0  # articles before this one are written
    quote_id = itertools.count(1)
    counts = {"statements": 0, "articles": 0, "quotes": 0}
    statement_rows: list[tuple] = []

    def flush(complete_before: int) -> None:
        nonlocal next_article, statement_rows
        writer.write(Statement, STATEMENT_FIELDS, statement_rows)
        counts["statements"] += len(statement_rows)
        statement_rows = []
        articles, quotes = [], []
        for index in range(next_article, complete_before):
            article, rows = build_article(index, pending.pop(index, []), seed, cast, phrases, sizes)
            articles.append(article)
            quotes.extend((next(quote_id), *row, 1) for row in rows)
        next_article = complete_before
        writer.write(Article, ARTICLE_FIELDS, articles)
        writer.write(Quote, QUOTE_FIELDS, quotes)
        counts["articles"] += len(articles)
        counts["quotes"] += len(quotes)
        bar.update(
            counts["statements"],
            f"| {counts['quotes']:,} quotes, {counts['articles']:,} articles |",
        )

    blocks = math.ceil(sizes.statements / BLOCK)
    for number in range(blocks):
        for row, quotes in maker.block(number):
            statement_rows.append(row)
            for article, quote in quotes:
                pending.setdefault(article, []).append(quote)
        if len(statement_rows) >= batch or number == blocks - 1:
            last_index = min(sizes.statements, (number + 1) * BLOCK) - 1
            done = number == blocks - 1
            flush(sizes.articles if done else maker.first_article(last_index))
    bar.finish(
        counts["statements"], f"| {counts['quotes']:,} quotes, {counts['articles']:,} articles |"
    )
    counts.update(
        outlets=len(cast.outlets),
        actors=len(cast.actors),
        aliases=len(cast.aliases),
        claims=len(cast.claims),
    )
    report.counts.update(counts)
