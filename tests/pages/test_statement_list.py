"""The statement list: facets with counts, filters in the URL, text search, errors shown
where the filter is, stable pages, and export links that give exactly the rows shown."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import random
import re
from collections import Counter

import pytest
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from claims import standing
from claims.models import Actor, Claim, Quote, Statement
from sources import text
from tests.factories import make_actor, make_article, make_claim, make_statement
from tests.pages.reading import (
    between,
    each_page,
    link_query,
    listed_ids,
    main_html,
    walk_pages,
)

FACET_VALUE = re.compile(
    r'<a href="\?(?P<query>[^"]*)" class="facet-value[^"]*"[^>]*>(?P<label>.*?)'
    r'<span class="count">(?P<count>\d+)</span>',
    re.DOTALL,
)
KANAANI_QUOTE = (
    "This Monday, shortly after Russian attacks on civilian targets in Ukraine, Iran again "
    "denied that it supplies drones or other weapons or military equipment to Russia."
)
EXPORT_LINK = re.compile(r'<a href="(/api/v1/statements/export\.(csv|jsonl)\?[^"]*)" download>')


def newest_first(statements) -> list[int]:
    return [s.pk for s in sorted(statements, key=lambda s: (s.made_on, s.pk), reverse=True)]


def facet(response, name: str) -> dict[str, tuple[int, str]]:
    """{label: (count, toggling query)} of one facet in the sidebar."""
    section = between(main_html(response), f'aria-labelledby="facet-{name}">', "</section>")
    values = {}
    for match in FACET_VALUE.finditer(section):
        label = " ".join(re.sub(r"<[^>]+>|[●■◆✓]", " ", html.unescape(match["label"])).split())
        values[label] = (int(match["count"]), html.unescape(match["query"]))
    return values


def party_names(statements) -> Counter:
    actors = Actor.objects.in_bulk()
    return Counter(actors[standing.party_id(s)].name for s in statements)


def test_filtering_by_stance_lists_only_those_statements(client, seed):
    denied = Statement.objects.filter(stance="denied").select_related("actor")
    assert 0 < denied.count() < Statement.objects.count()

    response = client.get("/statements/?stance=denied")

    assert listed_ids(response) == newest_first(denied)
    assertContains(response, f"{denied.count()} statements</h2>")


def test_filtering_by_stance_narrows_the_counts_of_the_other_facets(client, seed):
    denied = list(Statement.objects.filter(stance="denied").select_related("actor", "claim"))

    response = client.get("/statements/?stance=denied")

    actors = facet(response, "actor")
    assert {label: count for label, (count, _) in actors.items()} == party_names(denied)
    claims = facet(response, "claim")
    assert {label: count for label, (count, _) in claims.items()} == Counter(
        s.claim.text for s in denied
    )
    # The stance facet itself counts without its own filter: what choosing another gives.
    stances = facet(response, "stance")
    assert stances["asserted"][0] == Statement.objects.filter(stance="asserted").count()
    assert stances["denied"][0] == len(denied)


def test_each_facet_count_is_what_choosing_that_value_lists(client, seed):
    response = client.get("/statements/?stance=denied")

    for name in ("actor", "speaker", "claim", "outlet", "year"):
        for label, (count, query) in facet(response, name).items():
            assert link_query("?" + query)["stance"] == ["denied"]
            chosen = client.get(f"/statements/?{query}")
            assert len(listed_ids(chosen)) == count, (name, label)


def test_a_persons_facet_count_includes_what_they_said_for_another_party(client, db):
    paper = make_actor(name="The Daily Planet", slug="daily-planet", kind="media")
    # A journalist speaks for no state or organisation, so their own statements count
    # for them, and choosing them also lists what they said as the paper's speaker.
    writer = make_actor(name="Lois Lane", slug="lois-lane", kind="person")
    make_statement(actor=writer)
    make_statement(actor=paper, speaker=writer)
    make_statement(actor=paper)

    actors = facet(client.get("/statements/"), "actor")

    assert actors["Lois Lane"][0] == 2
    assert actors["The Daily Planet"][0] == 2
    for count, query in actors.values():
        assert len(listed_ids(client.get(f"/statements/?{query}"))) == count


def test_several_values_of_one_filter_list_statements_matching_any_of_them(client, seed):
    make_statement(stance="confirmed")  # the one stance not asked for
    iran = Actor.objects.get(slug="iran")
    russia = Actor.objects.get(slug="russia")

    either = listed_ids(client.get("/statements/?stance=asserted&stance=denied"))
    assert sorted(either) == sorted(
        Statement.objects.exclude(stance="confirmed").values_list("id", flat=True)
    )
    both = listed_ids(client.get("/statements/?actor=iran&actor=russia"))
    expected = Statement.objects.by_actors([iran, russia])
    assert sorted(both) == sorted(expected.values_list("id", flat=True))
    assert set(Statement.objects.by_actor(iran).values_list("id", flat=True)) < set(both)
    assert set(Statement.objects.by_actor(russia).values_list("id", flat=True)) < set(both)


def test_an_actor_is_found_by_any_of_its_spellings(client, seed):
    ukraine = Actor.objects.get(slug="ukraine")
    expected = newest_first(Statement.objects.by_actor(ukraine))
    assert expected

    assert listed_ids(client.get("/statements/?actor=Kiev")) == expected
    assert listed_ids(client.get("/statements/?actor=kyiv")) == expected
    assert listed_ids(client.get("/statements/?actor=ukraine")) == expected


def test_a_speaker_is_found_by_a_misspelling_the_press_used(client, seed):
    kanaani = Actor.objects.get(slug="nasser-kanaani")
    expected = newest_first(Statement.objects.filter(speaker=kanaani))
    assert len(expected) == 2

    response = client.get("/statements/?speaker=Kannani")

    assert listed_ids(response) == expected
    assertContains(response, "Nasser Kanaani")
    assertContains(response, KANAANI_QUOTE)  # each statement with its words


def test_a_search_for_an_actors_name_offers_that_actors_statements(client, seed):
    response = client.get("/statements/?q=Kannani")

    assertContains(response, "“Kannani” names an actor")
    assertContains(response, '<a href="?actor=nasser-kanaani">')
    assertContains(response, '<a href="?speaker=nasser-kanaani">')
    offered = listed_ids(client.get("/statements/?speaker=nasser-kanaani"))
    assert sorted(offered) == sorted(
        Statement.objects.filter(speaker__slug="nasser-kanaani").values_list("id", flat=True)
    )


def test_a_search_for_ordinary_words_offers_no_actor(client, seed):
    response = client.get("/statements/?q=drones")

    assertNotContains(response, "names an actor")


# Forms of "supply" that an English stemmer reduces to the same stem ("suppliers" is
# another word, "supplier", on both databases).
SUPPLY = re.compile(r"\bsuppl(?:y|ies|ied|ying)\b", re.IGNORECASE)


def test_text_search_finds_other_forms_of_a_word(client, seed):
    statements = Statement.objects.prefetch_related("quotes")
    expected = [s for s in statements if any(SUPPLY.search(q.text) for q in s.quotes.all())]
    only_supplied = [
        s
        for s in expected
        if not any(re.search(r"\bsupply\b", q.text, re.IGNORECASE) for q in s.quotes.all())
    ]
    assert only_supplied, "the seed should hold quotes that say supplied but never supply"

    response = client.get("/statements/?q=supply")

    assert listed_ids(response) == newest_first(expected)


def test_text_search_needs_every_word(client, seed):
    response = client.get("/statements/?q=Peskov+Tuesday")

    statements = Statement.objects.prefetch_related("quotes")
    expected = [
        s
        for s in statements
        if any("Peskov" in q.text and "Tuesday" in q.text for q in s.quotes.all())
    ]
    assert expected
    assert listed_ids(response) == newest_first(expected)


def test_a_search_matching_nothing_says_so(client, seed):
    response = client.get("/statements/?q=ornithopter")
    assert response.status_code == 200
    assert listed_ids(response) == []
    assertContains(response, "0 statements")
    assertContains(response, "No statement matches these filters.")


def test_filtering_by_year_lists_the_statements_made_that_year(client, seed):
    expected = newest_first(Statement.objects.filter(made_on__year=2023))
    assert 0 < len(expected) < Statement.objects.count()

    assert listed_ids(client.get("/statements/?year=2023")) == expected
    both = listed_ids(client.get("/statements/?year=2022&year=2023"))
    assert len(both) == Statement.objects.count()


def test_filtering_by_outlet_lists_statements_quoted_by_it(client, seed):
    expected = newest_first(Statement.objects.filter(quotes__article__outlet__slug="rt").distinct())
    assert 0 < len(expected) < Statement.objects.count()

    assert listed_ids(client.get("/statements/?outlet=rt")) == expected


def test_a_date_range_includes_both_of_its_ends(client, seed):
    start, end = datetime.date(2022, 10, 1), datetime.date(2022, 10, 18)
    expected = newest_first(Statement.objects.filter(made_on__range=(start, end)))
    assert Statement.objects.filter(made_on=start).exists()
    assert Statement.objects.filter(made_on=end).exists()

    response = client.get("/statements/?date_from=2022-10-01&date_to=2022-10-18")

    assert listed_ids(response) == expected
    after = listed_ids(client.get("/statements/?date_from=2023-01-01"))
    assert after == newest_first(Statement.objects.filter(made_on__gte=datetime.date(2023, 1, 1)))
    before = listed_ids(client.get("/statements/?date_to=2022-07-12"))
    assert before == newest_first(Statement.objects.filter(made_on__lte=datetime.date(2022, 7, 12)))


FACET_FILTERS = ("actor", "speaker", "stance", "claim", "outlet", "year")


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        (
            "stance=maybe",
            "stance",
            "Select a valid choice. maybe is not one of the available choices.",
        ),
        ("actor=nobody", "actor", "No actor is called 'nobody' (by slug, name or alias)."),
        ("speaker=Iran", "speaker", "No person is called 'Iran' (by slug, name or alias)."),
        ("claim=no-such-claim", "claim", "No claim has the slug 'no-such-claim'."),
        ("outlet=nowhere", "outlet", "No outlet has the slug 'nowhere'."),
        ("year=abc", "year", "Not a year: 'abc'."),
        ("date_from=notadate", "date_from", "Enter a valid date."),
        (
            "date_from=2022-12-31&date_to=2022-01-01",
            "date_to",
            "The end date 2022-01-01 is before the start date 2022-12-31.",
        ),
        ("q=!!!", "q", "Search for at least one word (letters or digits)."),
    ],
)
def test_an_invalid_filter_is_a_400_with_the_message_beside_the_filter(
    client, db, query, name, message
):
    response = client.get(f"/statements/?{query}")

    assert response.status_code == 400
    content = main_html(response)
    assert f"<strong>{name}</strong>: {escape(message)}</li>" in content
    if name in FACET_FILTERS:
        beside = between(content, f'aria-labelledby="facet-error-{name}">', "</section>")
        assert f">{name.capitalize()}</h2>" in beside
    else:
        beside = between(content, f'<label for="id_{name}">', "</div>")
    assert escape(message) in beside
    # Never a list that could pass for the results.
    assert listed_ids(content) == []


def test_an_unknown_parameter_is_a_400_naming_it(client, db):
    response = client.get("/statements/?stance=denied&colour=red")

    assert response.status_code == 400
    assertContains(response, "<strong>colour</strong>: not a filter of this page.", status_code=400)
    assert listed_ids(response) == []


ODD_QUERIES = [
    "actor=a%00b",
    "speaker=a%00b",
    "claim=a%00b",
    "outlet=a%00b",
    "year=2022%00",
    "q=drone%00",
    "date_from=2022-02-30",
    "date_to=2022-13-01",
    "year=99999",
    "q=" + "word+" * 60,
    'q="unbalanced',
    "q=NEAR(drones)",
    "q=-drones",
    "q=drones+OR",
    "q=the",
    "q=%E2%80%9Cquoted%E2%80%9D",
    "stance=denied&page=abc",
    "stance=denied&page=9999",
    "actor=" + "x" * 500,
    "&".join(f"actor=a{n}" for n in range(60)),
]


def test_odd_input_is_answered_never_with_a_server_error(client, seed):
    answers = {query: client.get(f"/statements/?{query}").status_code for query in ODD_QUERIES}

    assert {query: status for query, status in answers.items() if status not in (200, 400)} == {}
    # A NUL byte in a name is refused beside its filter, on PostgreSQL as on SQLite.
    response = client.get("/statements/?actor=a%00b")
    assertContains(response, "<strong>actor</strong>: Null characters are not allowed.", 1, 400)


def test_an_empty_filter_value_means_no_filter(client, seed):
    denied = walk_pages(client, "/statements/?stance=denied")
    assert denied
    assert walk_pages(client, "/statements/?actor=&claim=&stance=denied") == denied
    response = client.get("/api/v1/statements/export.csv?actor=&outlet=")
    assert response.status_code == 200


def test_walking_every_page_lists_each_statement_once_newest_first(client, db):
    actors = [make_actor() for _ in range(3)]
    claims = [make_claim() for _ in range(2)]
    article = make_article()
    days = [datetime.date(2022, 1, 1) + datetime.timedelta(days=7 * n) for n in range(10)]
    rng = random.Random(120)
    # Entered in a shuffled date order with many statements on each day, so only the id
    # can break the ties.
    for n in range(120):
        make_statement(
            actor=actors[n % 3],
            claim=claims[n % 2],
            article=article,
            stance=rng.choice(["asserted", "denied", "confirmed"]),
            made_on=rng.choice(days),
        )

    ids = walk_pages(client, "/statements/")

    assert len(ids) == 120
    assert len(set(ids)) == 120
    assert ids == newest_first(Statement.objects.all())
    assert ids == list(Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True))
    denied = walk_pages(client, "/statements/?stance=denied")
    assert denied == newest_first(Statement.objects.filter(stance="denied"))


def export_links(content: str) -> dict[str, str]:
    return {kind: html.unescape(href) for href, kind in EXPORT_LINK.findall(content)}


def test_the_export_links_carry_exactly_the_filters_of_the_page(client, seed):
    query = "actor=Tehran&stance=denied&stance=asserted&year=2022&q=drones&page=1"

    links = export_links(main_html(client.get(f"/statements/?{query}")))

    assert set(links) == {"csv", "jsonl"}
    filters = link_query("?" + query)
    del filters["page"]
    for href in links.values():
        assert link_query(href) == filters


def export_ids(client, href: str) -> list[int]:
    response = client.get(href)
    assert response.status_code == 200, href
    content = b"".join(response.streaming_content).decode()
    if ".csv?" in href:
        return [int(row["id"]) for row in csv.DictReader(io.StringIO(content))]
    return [json.loads(line)["id"] for line in content.splitlines()]


def test_the_exports_give_exactly_the_rows_of_the_view_on_all_its_pages(client, seed):
    # More Iranian denials, so that several views run over more than one page.
    iran = Actor.objects.get(slug="iran")
    claim = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    article = make_article()
    added = Statement.objects.bulk_create(
        Statement(
            actor=iran,
            claim=claim,
            stance="denied" if n % 3 else "asserted",
            made_on=datetime.date(2022, 11, 1) + datetime.timedelta(days=n % 20),
        )
        for n in range(70)
    )
    span = text.anchor_text(article.body, "no drones were supplied")
    Quote.objects.bulk_create(
        Quote(statement=s, article=article, start=span.start, end=span.end, text=span.text)
        for s in added
    )
    queries = [
        "",
        "stance=denied",
        "actor=Tehran&stance=denied",
        "actor=iran&actor=russia",
        "speaker=Kannani",
        "claim=iran-supplied-drones-to-russia&year=2022",
        "outlet=rt&outlet=hotnews-ro",
        "q=supply",
        "q=drones&stance=denied",
        "date_from=2022-10-01&date_to=2022-11-10",
    ]
    several_pages = 0
    for query in queries:
        pages = each_page(client, f"/statements/?{query}")
        rows = [pk for content in pages for pk in listed_ids(content)]
        several_pages += len(pages) > 1
        assert rows, f"the seed should match {query!r}"
        links = export_links(pages[0])
        assert export_ids(client, links["csv"]) == rows, query
        assert export_ids(client, links["jsonl"]) == rows, query
    assert several_pages >= 3
