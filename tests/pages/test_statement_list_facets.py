"""The statement list's facets: each value with the count of statements choosing it
would list, under the other filters."""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import parse_qs, urlencode

import pytest
from pytest_django.asserts import assertContains

from claims import standing
from claims.models import Actor, Statement
from tests.factories import make_actor, make_statement
from tests.pages.reading import (
    between,
    link_query,
    listed_ids,
    main_html,
    newest_first,
)

FACET_VALUE = re.compile(
    r'<a href="\?(?P<query>[^"]*)" class="facet-value[^"]*"[^>]*>(?P<label>.*?)'
    r'<span class="count">(?P<count>\d+)</span>',
    re.DOTALL,
)


def facet(response, name: str) -> dict[str, tuple[int, str]]:
    """{label: (count, toggling query)} of one facet in the sidebar."""
    section = between(main_html(response), f'aria-labelledby="facet-{name}">', "</section>")
    values = {}
    for match in FACET_VALUE.finditer(section):
        label = " ".join(re.sub(r"<[^>]+>|[●■◆✓]", " ", html.unescape(match["label"])).split())
        values[label] = (int(match["count"]), html.unescape(match["query"]))
    return values


def actor_names(statements) -> Counter:
    """Each actor, with the statements choosing it lists: as party, actor or speaker."""
    actors = Actor.objects.in_bulk()
    return Counter(
        actors[pk].name
        for s in statements
        for pk in {standing.party_id(s), s.actor_id, s.speaker_id} - {None}
    )


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
    assert {label: count for label, (count, _) in actors.items()} == actor_names(denied)
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


@pytest.mark.parametrize(
    "query",
    [
        "stance=denied&year=2022",
        "stance=denied&outlet=hotnews-ro",
        "stance=denied&year=2022&outlet=hotnews-ro",
        "actor=russia&claim=iran-supplied-drones-to-russia",
        "stance=denied&stance=asserted",
        "date_from=2022-07-01&date_to=2022-10-31",
    ],
)
def test_under_several_filters_each_count_is_what_choosing_that_value_lists(client, seed, query):
    # These counts are grouped over the filtered statements (claims.facets.counted_under),
    # not read from the tallies: each must still list exactly its count. A facet's own
    # counts are under the other filters: what choosing that value instead would list.
    params = parse_qs(query)
    response = client.get(f"/statements/?{query}")
    total = len(listed_ids(response))
    assert total > 0, query
    assertContains(response, f"{total} statement{'s' if total != 1 else ''}</h2>")
    for name in ("actor", "speaker", "stance", "claim", "outlet", "year"):
        for label, (count, toggled) in facet(response, name).items():
            chosen = parse_qs(toggled)
            if name in params:
                (value,) = set(chosen.get(name, [])) ^ set(params[name])
                chosen[name] = [value]
            listed = listed_ids(client.get(f"/statements/?{urlencode(chosen, doseq=True)}"))
            assert len(listed) == count, (query, name, label)
