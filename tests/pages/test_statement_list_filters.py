"""The statement list's filters in the URL: actors by any spelling, speakers, several
values, text search, year, outlet and dates."""

from __future__ import annotations

import datetime
import re

from pytest_django.asserts import assertContains, assertNotContains

from claims.models import Actor, Statement
from tests.factories import make_statement
from tests.pages.reading import (
    listed_ids,
    newest_first,
    walk_pages,
)

KANAANI_QUOTE = (
    "This Monday, shortly after Russian attacks on civilian targets in Ukraine, Iran again "
    "denied that it supplies drones or other weapons or military equipment to Russia."
)


def test_several_values_of_one_filter_list_statements_matching_any_of_them(client, seed):
    make_statement(stance="confirmed")  # stances not asked for: confirmed, noncommittal
    iran = Actor.objects.get(slug="iran")
    russia = Actor.objects.get(slug="russia")

    either = listed_ids(client.get("/statements/?stance=asserted&stance=denied"))
    assert sorted(either) == sorted(
        Statement.objects.filter(stance__in=["asserted", "denied"]).values_list("id", flat=True)
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


def test_an_empty_filter_value_means_no_filter(client, seed):
    denied = walk_pages(client, "/statements/?stance=denied")
    assert denied
    assert walk_pages(client, "/statements/?actor=&claim=&stance=denied") == denied
    response = client.get("/api/v1/statements/export.csv?actor=&outlet=")
    assert response.status_code == 200
