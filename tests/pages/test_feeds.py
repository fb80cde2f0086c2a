"""Atom feeds of the statement list, an actor's history and a claim: what a feed reader
shows is exactly the page's statements, newest first, with the page's filters."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from claims import actions
from claims.feeds import FEED_ENTRIES
from claims.models import Actor, Claim, Statement
from tests.factories import make_actor, make_article, make_claim, make_statement
from tests.pages.reading import listed_ids, main_html, page_html, visible_text

ENTRY_URL = re.compile(r"^http://testserver/statements/(\d+)/$")
HEAD_FEED = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">'
)


def read_feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    ET.fromstring(response.content)  # well-formed XML, or this raises
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_ids(feed) -> list[int]:
    ids = []
    for entry in feed.entries:
        assert entry.id == entry.link  # the statement's address is its stable id
        ids.append(int(ENTRY_URL.match(entry.link).group(1)))
    return ids


def newest_first(statements) -> list[int]:
    ordered = sorted(statements, key=lambda s: (s.made_on, s.pk), reverse=True)
    return [s.pk for s in ordered][:FEED_ENTRIES]


def head_feed_url(response) -> str:
    found = HEAD_FEED.findall(page_html(response).split("</head>", 1)[0])
    assert len(found) == 1, found
    return found[0].replace("&amp;", "&")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "actor=russia&stance=denied",
        "claim=iran-supplied-drones-to-russia&year=2022",
        "q=drones",
    ],
)
def test_the_statement_list_feed_lists_exactly_the_pages_statements_in_order(client, seed, query):
    page = client.get(f"/statements/?{query}")
    feed_url = head_feed_url(page)
    assert feed_url == "/statements/feed/" + (f"?{query}" if query else "")
    # Linked visibly on the page too, with the same address.
    assert f'href="{feed_url.replace("&", "&amp;")}" type="application/atom+xml"' in main_html(page)

    feed = read_feed(client, feed_url)

    assert entry_ids(feed) == listed_ids(page)
    assert len(feed.entries) > 0
    assert feed.feed.link.endswith(f"/statements/?{query}" if query else "/statements/")
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == f"http://testserver{feed_url}"


def test_an_entry_says_who_took_which_stance_on_what_when_with_the_quote(client, seed):
    statement = Statement.objects.filter(speaker__isnull=False).order_by("pk").first()
    feed = read_feed(client, f"/statements/feed/?stance={statement.stance}")

    entry = next(e for e in feed.entries if e.link.endswith(f"/statements/{statement.pk}/"))
    for shown in (statement.actor.name, statement.stance, statement.claim.text):
        assert shown in entry.title
    assert statement.made_on_display in entry.title
    summary = visible_text(entry.summary)
    assert f"{statement.actor.name} ({statement.speaker.name}) {statement.stance}" in summary
    for quote in statement.quotes.all():
        assert " ".join(quote.text.split()) in summary
        assert quote.article.outlet.name in summary
    assert entry.published_parsed[:3] == statement.made_on.timetuple()[:3]
    # The same id on every read: a reader does not show it twice.
    again = read_feed(client, f"/statements/feed/?stance={statement.stance}")
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]


def test_a_feed_is_bounded_newest_first_with_ties_by_the_later_record(client, db):
    actor = make_actor()
    article = make_article()
    same_day = datetime.date(2023, 5, 1)
    made = [
        make_statement(
            actor=actor,
            article=article,
            made_on=same_day
            if n % 3 == 0
            else datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(FEED_ENTRIES + 12)
    ]

    feed = read_feed(client, f"/statements/feed/?actor={actor.slug}")

    assert len(feed.entries) == FEED_ENTRIES
    assert entry_ids(feed) == newest_first(made)
    first_ties = [s.pk for s in made if s.made_on == same_day]
    assert entry_ids(feed)[: len(first_ties)] == sorted(first_ties, reverse=True)


def test_an_actors_feed_follows_its_history_with_the_pages_filters(client, seed):
    russia = Actor.objects.get(slug="russia")
    query = "stance=denied&claim=iran-supplied-drones-to-russia"
    page = client.get(f"/actors/russia/?{query}")
    assert head_feed_url(page) == f"/actors/russia/feed/?{query}"

    everything = read_feed(client, "/actors/russia/feed/")
    denials = read_feed(client, f"/actors/russia/feed/?{query}")

    assert entry_ids(everything) == newest_first(Statement.objects.by_actor(russia))
    assert entry_ids(denials) == newest_first(
        Statement.objects.by_actor(russia).filter(
            stance="denied", claim__slug="iran-supplied-drones-to-russia"
        )
    )
    assert sorted(entry_ids(denials)) == sorted(listed_ids(page))
    assert 0 < len(denials.entries) < len(everything.entries)
    assert everything.feed.title.startswith("Russia")


def test_a_claims_feed_lists_its_statements_newest_first(client, seed):
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    page = client.get(f"/claims/{claim.slug}/")
    assert head_feed_url(page) == f"/claims/{claim.slug}/feed/"

    feed = read_feed(client, f"/claims/{claim.slug}/feed/")

    assert entry_ids(feed) == newest_first(Statement.objects.filter(claim=claim))
    assert feed.feed.title.startswith(claim.text)


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/statements/feed/?claim=no-such-claim", "claim"),
        ("/statements/feed/?stance=sure", "stance"),
        ("/statements/feed/?date_from=2022-13-01", "date_from"),
        ("/statements/feed/?colour=red", "colour"),
        ("/actors/iran/feed/?outlet=rt", "outlet"),
        ("/actors/iran/feed/?claim=no-such-claim", "claim"),
        ("/claims/iran-supplied-drones-to-russia/feed/?stance=denied", "stance"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(client, seed, url, named):
    response = client.get(url)

    assert response.status_code == 400
    assert named in response.content.decode()


def test_a_feed_of_nothing_that_exists_is_a_404(client, db):
    assert client.get("/actors/nobody/feed/").status_code == 404
    assert client.get("/claims/nothing/feed/").status_code == 404


def test_a_search_feed_marks_the_words_found(client, seed):
    response = client.get("/statements/feed/?q=supply")
    entries = ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")
    summaries = [entry.find("{http://www.w3.org/2005/Atom}summary").text for entry in entries]

    assert len(summaries) == len(read_feed(client, "/statements/feed/?q=supply").entries) > 0
    assert all("<mark>" in summary for summary in summaries)
    assert any("<mark>supplied</mark>" in summary for summary in summaries)


@pytest.mark.parametrize(
    "url", ["/statements/feed/", "/actors/{actor}/feed/", "/claims/{claim}/feed/"]
)
def test_a_feeds_queries_are_the_same_for_few_entries_and_many(
    client, db, django_assert_max_num_queries, url
):
    actor, claim = make_actor(), make_claim()
    url = url.format(actor=actor.slug, claim=claim.slug)

    def add(n: int) -> None:
        article = make_article()
        for day in range(n):
            speaker = make_actor(kind="person")
            make_statement(
                actor=actor,
                claim=claim,
                speaker=speaker,
                article=article,
                made_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day),
            )

    add(3)
    with django_assert_max_num_queries(20) as few:
        assert len(read_feed(client, url).entries) == 3
    add(FEED_ENTRIES + 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(read_feed(client, url).entries) == FEED_ENTRIES


def test_the_feed_of_a_merged_slug_moves_to_the_feed_it_was_merged_into(client, db):
    kept, duplicate = make_actor(), make_actor()
    statement = make_statement(actor=duplicate)
    actions.merge_actors(source=duplicate, target=kept)

    response = client.get(f"/actors/{duplicate.slug}/feed/?stance=denied")

    assert response.status_code == 301
    assert response["Location"] == f"/actors/{kept.slug}/feed/?stance=denied"
    assert entry_ids(read_feed(client, response["Location"])) == [statement.pk]
