"""Every reader page answers in a bounded number of queries, whatever the data size.

Each page is read on a data set, then on one twice its size (persons speaking for
states, aliases, many claims, articles and two quotes per statement): an N+1 would
show as a count that grows.
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import standing
from claims.models import Actor, ActorAlias, Claim, Quote, Statement
from sources.models import Article, Outlet
from tests.pages.reading import listed_ids

SENTENCES = [
    "Officials said the drones were supplied in secret.",
    "The ministry denied that any drones or weapons were sent.",
    "A spokesman confirmed the delivery of spare parts.",
    "Analysts doubted the account of the deliveries.",
]
BODY = " ".join(SENTENCES)

# The measured count on either size, plus a small margin for harmless changes.
# Each aggregate cached by claims.cached (counts, facets, matrix, position changes) and
# each cached rendering of a page's rows ({% cache %}) adds its cache reads and, on a
# first view as here, its cache write (7 queries with the database cache): a constant.
# The actor page's timeline picture is one more such aggregate, drawn in 3 or 4 queries.
MAX_QUERIES = {
    "/": 30,
    "/actors/": 10,
    "/actors/<busiest>/": 38,
    "/claims/": 9,
    "/claims/<busiest>/": 36,
    "/statements/": 37,
    # One query for every tallied facet's counts and one per kind of label: 25 when
    # each facet read its counts and its labels apart.
    "/statements/?stance=denied": 19,
    "/statements/?stance=denied&q=drones": 38,
    "/statements/<id>/": 4,
    "/articles/": 4,
    "/articles/<id>/": 4,
}
# Pages that list statements, and at least how many each shows on the larger data.
LISTED = {
    "/": 8,
    "/actors/<busiest>/": 10,
    "/claims/<busiest>/": 10,
    "/statements/": 50,
    "/statements/?stance=denied&q=drones": 20,
}

_batches = itertools.count(1)


def build(*, actors: int, claims: int, articles: int, statements: int) -> None:
    """A batch of data: states, organisations and media, people speaking for them,
    people speaking for no one; statements with two quotes each."""
    batch = next(_batches)
    bodies = actors // 2
    parties = Actor.objects.bulk_create(
        Actor(
            name=f"Party {batch}-{n}",
            slug=f"party-{batch}-{n}",
            kind=("state", "state", "organisation", "media")[n % 4],
        )
        for n in range(bodies)
    )
    speakers_for = [p for p in parties if p.kind != "media"]
    people = Actor.objects.bulk_create(
        Actor(
            name=f"Person {batch}-{n}",
            slug=f"person-{batch}-{n}",
            kind="person",
            speaks_for=speakers_for[n % len(speakers_for)] if n % 5 else None,
        )
        for n in range(actors - bodies)
    )
    everyone = parties + people
    ActorAlias.objects.bulk_create(
        ActorAlias(actor=actor, name=f"Alias of {actor.name}") for actor in everyone
    )
    topics = Claim.objects.bulk_create(
        Claim(slug=f"claim-{batch}-{n}", text=f"Claim {batch}-{n} is true") for n in range(claims)
    )
    outlets = Outlet.objects.bulk_create(
        Outlet(name=f"Outlet {batch}-{n}", slug=f"outlet-{batch}-{n}") for n in range(6)
    )
    papers = Article.objects.bulk_create(
        Article(
            outlet=outlets[n % 6],
            title=f"Article {batch}-{n}",
            url=f"https://news.example/{batch}/{n}",
            published_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
            body=BODY,
        )
        for n in range(articles)
    )
    stances = itertools.cycle(["asserted", "denied", "confirmed", "denied", "asserted"])
    rows = Statement.objects.bulk_create(
        Statement(
            actor=everyone[n % len(everyone)],
            speaker=people[n % len(people)] if n % 3 == 0 else None,
            claim=topics[n % len(topics)],
            stance=next(stances),
            made_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=n % 200),
            made_on_precision="day",
        )
        for n in range(statements)
    )
    quotes = []
    for n, statement in enumerate(rows):
        for k in range(2):
            sentence = SENTENCES[(n + k) % len(SENTENCES)]
            start = BODY.index(sentence)
            quotes.append(
                Quote(
                    statement=statement,
                    article=papers[(n + k) % len(papers)],
                    start=start,
                    end=start + len(sentence),
                    text=sentence,
                )
            )
    Quote.objects.bulk_create(quotes)


def busiest_actor() -> Actor:
    parties = Counter(standing.party_id(s) for s in Statement.objects.select_related("actor"))
    return Actor.objects.get(pk=parties.most_common(1)[0][0])


def busiest_claim() -> Claim:
    claims = Counter(Statement.objects.values_list("claim_id", flat=True))
    return Claim.objects.get(pk=claims.most_common(1)[0][0])


def urls() -> dict[str, str]:
    """Each page's address on the data as it is now (worked out before counting)."""
    statement = Statement.objects.order_by("-made_on", "-id").first()
    busiest_article = Counter(Quote.objects.values_list("article_id", flat=True)).most_common(1)
    return {
        "/": "/",
        "/actors/": "/actors/",
        "/actors/<busiest>/": busiest_actor().get_absolute_url(),
        "/claims/": "/claims/",
        "/claims/<busiest>/": busiest_claim().get_absolute_url(),
        "/statements/": "/statements/",
        "/statements/?stance=denied": "/statements/?stance=denied",
        "/statements/?stance=denied&q=drones": "/statements/?stance=denied&q=drones",
        "/statements/<id>/": statement.get_absolute_url(),
        "/articles/": "/articles/",
        "/articles/<id>/": f"/articles/{busiest_article[0][0]}/",
    }


def query_counts(client) -> dict[str, int]:
    counts = {}
    for page, url in urls().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[page] = len(queries)
    return counts


def test_no_page_reads_more_queries_as_the_data_doubles(client, db, django_assert_max_num_queries):
    build(actors=20, claims=15, articles=30, statements=150)
    assert Statement.objects.count() == 150
    on_half = query_counts(client)

    build(actors=20, claims=15, articles=30, statements=150)
    assert Quote.objects.count() == 600
    on_full = {}
    for page, url in urls().items():
        with django_assert_max_num_queries(MAX_QUERIES[page]) as queries:
            response = client.get(url)
        on_full[page] = len(queries)
        # The lists hold real rows, so a query per row would have shown.
        assert response.status_code == 200
        assert len(listed_ids(response)) >= LISTED.get(page, 0), page

    print("queries per page:", on_full)
    assert on_full == on_half
