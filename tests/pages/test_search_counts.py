"""Text search counts: exact up to facets.SEARCH_CAP matches; past it, the page says
plainly that it counted the newest SEARCH_CAP, and the export still gives every row."""

from __future__ import annotations

import datetime

import pytest

from claims import facets
from tests.factories import make_actor, make_statement
from tests.pages.reading import visible_text


@pytest.fixture
def drones(db):
    state = make_actor(name="Searchland", slug="searchland")
    return [
        make_statement(actor=state, made_on=datetime.date(2020, 1, day), stance=stance)
        for day, stance in ((1, "denied"), (2, "asserted"), (3, "denied"))
    ]


def stance_counts(response) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f.name == "stance")
    return {value.value: value.count for value in facet.values}


def test_under_the_cap_the_counts_are_exact(client, drones):
    response = client.get("/statements/?q=drones")
    assert response.context["page"].paginator.count == 3
    assert stance_counts(response) == {"denied": 2, "asserted": 1}
    assert "3 statements" in visible_text(response)
    assert "newest" not in visible_text(response)


def test_past_the_cap_the_page_says_what_it_counted(client, drones, monkeypatch):
    monkeypatch.setattr(facets, "SEARCH_CAP", 2)
    monkeypatch.setattr("claims.views.statements.SEARCH_CAP", 2)

    response = client.get("/statements/?q=drones")

    text = visible_text(response)
    assert "2+ statements" in text
    assert "the list shows the newest 2, and the counts beside it are among them" in text
    # The newest two: 3 January (denied) and 2 January (asserted).
    assert stance_counts(response) == {"denied": 1, "asserted": 1}
    export = client.get("/api/v1/statements/export.csv?q=drones")
    rows = b"".join(export.streaming_content).decode().strip().splitlines()
    assert len(rows) == 1 + 3  # the header and every match


@pytest.mark.parametrize("cap", [100, 2], ids=["the search alone found all", "capped"])
def test_a_search_under_filters_lists_exactly_its_matches_and_follows_an_edit(
    client, drones, monkeypatch, cap
):
    monkeypatch.setattr(facets, "SEARCH_CAP", cap)
    monkeypatch.setattr("claims.views.statements.SEARCH_CAP", cap)
    other = make_statement(made_on=datetime.date(2020, 1, 4), stance="asserted")
    unmatched = "Officials in Washington disagreed"
    make_statement(actor=drones[0].actor, quote=unmatched, stance="denied")
    client.get("/statements/?q=drones")  # the search alone, cached

    def listed(path: str) -> list[int]:
        return [statement.pk for statement in client.get(path).context["page"]]

    assert (
        listed("/statements/?q=drones&actor=searchland")
        == [
            drones[2].pk,
            drones[1].pk,
            drones[0].pk,
        ][:cap]
    )
    assert listed("/statements/?q=drones&stance=denied") == [drones[2].pk, drones[0].pk][:cap]
    assert listed(f"/statements/?q=drones&actor={other.actor.slug}") == [other.pk]

    drones[1].stance = "denied"
    drones[1].save()  # a stance edit: the search's own matches stay cached
    assert (
        listed("/statements/?q=drones&stance=denied")
        == [
            drones[2].pk,
            drones[1].pk,
            drones[0].pk,
        ][:cap]
    )
