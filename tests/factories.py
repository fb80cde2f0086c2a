"""Small keyword builders with deterministic values; override what a test is about."""

from __future__ import annotations

import datetime
import itertools
import random

from django.contrib.auth.models import Group, User

from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from sources import text
from sources.models import Article, Outlet

_numbers = itertools.count(1)

# The cast of tests/conftest.py: a user of each role has a fixture and a client there.
ROLES = ("anonymous", "reader", "editor", "administrator")

BODY = (
    "The ministry said on Monday that no drones were supplied. "
    "“We have not supplied weapons to any of the belligerent countries,” the spokesman said. "
    "Officials in Washington disagreed."
)


def make_user(username: str, *groups: str, **overrides) -> User:
    """A user with the password "pw-<username>", in the groups named (the roles)."""
    user = User.objects.create_user(username=username, password=f"pw-{username}", **overrides)
    for name in groups:
        # get_or_create: the roles migration makes the groups, but transactional tests
        # flush them (this is the same row the migration makes: a group of that name).
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def make_outlet(**overrides) -> Outlet:
    n = next(_numbers)
    fields = {"name": f"Outlet {n}", "slug": f"outlet-{n}"}
    return Outlet.objects.create(**(fields | overrides))


def make_article(**overrides) -> Article:
    n = next(_numbers)
    fields = {
        "title": f"Article {n}",
        "url": f"https://news.example/{n}",
        "published_on": datetime.date(2022, 10, 20),
        "body": BODY,
    }
    fields |= overrides
    if "outlet" not in fields:
        fields["outlet"] = make_outlet()
    return Article.objects.create(**fields)


def make_actor(*, aliases: tuple[str, ...] = (), **overrides) -> Actor:
    n = next(_numbers)
    fields = {"name": f"Actor {n}", "slug": f"actor-{n}", "kind": "state"}
    actor = Actor.objects.create(**(fields | overrides))
    for alias in aliases:
        ActorAlias.objects.create(actor=actor, name=alias)
    return actor


def make_claim(**overrides) -> Claim:
    n = next(_numbers)
    fields = {"slug": f"claim-{n}", "text": f"Claim number {n} is true"}
    return Claim.objects.create(**(fields | overrides))


def make_statement(
    *, quote: str = "no drones were supplied", article: Article | None = None, **overrides
) -> Statement:
    fields = {
        "stance": "denied",
        "made_on": datetime.date(2022, 10, 17),
        "made_on_precision": "day",
        "date_wording": "on Monday",
    }
    fields |= overrides
    if "actor" not in fields:
        fields["actor"] = make_actor()
    if "claim" not in fields:
        fields["claim"] = make_claim()
    statement = Statement.objects.create(**fields)
    article = article or make_article()
    make_quote(statement=statement, article=article, quoted=quote)
    return statement


def make_quote(
    *, statement: Statement, article: Article, quoted: str, occurrence: int | None = None
) -> Quote:
    quote = quote_for(statement=statement, article=article, quoted=quoted, occurrence=occurrence)
    quote.save()
    return quote


def quote_for(
    *, statement: Statement, article: Article, quoted: str, occurrence: int | None = None
) -> Quote:
    """The quote of these words in the article, anchored and not yet saved."""
    anchored = text.anchor_text(article.body, quoted, occurrence=occurrence)
    return Quote(
        statement=statement,
        article=article,
        start=anchored.start,
        end=anchored.end,
        text=anchored.text,
        prefix=anchored.prefix,
        suffix=anchored.suffix,
    )


def make_histories(seed: int) -> list[Actor]:
    """Random-ish histories: states with spokespeople, an organisation, an independent
    person, few claims and few dates, so parties, claims and same-day ties all mix."""
    rng = random.Random(seed)
    states = [make_actor(kind="state") for _ in range(4)]
    states.append(make_actor(kind="organisation"))
    people = [make_actor(kind="person", speaks_for=states[n % 5]) for n in range(6)]
    independent = make_actor(kind="person")
    claims = [make_claim() for _ in range(3)]
    days = [datetime.date(2022, 1, 1) + datetime.timedelta(days=30 * n) for n in range(5)]
    Statement.objects.bulk_create(
        Statement(
            actor=rng.choice(states + people + [independent]),
            speaker=rng.choice([None, *people]),
            claim=rng.choice(claims),
            stance=rng.choice(["asserted", "denied", "confirmed"]),
            made_on=rng.choice(days),
        )
        for _ in range(150)
    )
    return [*states, independent]


# A news article as paragraphs, and the page a browser saves of it.
PARAGRAPHS = (
    "Tehran, 17 October. The foreign ministry held its weekly briefing on Monday, "
    "where the spokesman answered questions about drones seen over Kyiv.",
    "“We have not supplied weapons to any of the belligerent countries,” the spokesman "
    "said, repeating the position Iran has held since the summer.",
    "Officials in Washington disagreed, saying they had evidence of deliveries made by "
    "air and by sea since August.",
)


def saved_page(
    *,
    title: str = "Iran denies supplying drones to Russia",
    published: str | None = "2022-10-20T09:15:00+03:00",
    canonical: str | None = "https://news.example/iran-denies-drones",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    lang: str = "en",
) -> str:
    """A page as a browser saves it: site chrome around an <article>."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} | News Example</title>
<meta property="og:title" content="{title}">
{meta}
{link}
</head>
<body>
<header><nav>
<a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a>
</nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By A. Reporter</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Something else</a></li></ul></aside>
</main>
<footer><p>© 2022 News Example. All rights reserved.</p></footer>
</body>
</html>"""
