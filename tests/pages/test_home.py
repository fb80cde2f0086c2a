"""The home page: the actor × claim matrix, recent statements, the most active claims."""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter

from claims import standing
from claims.models import Actor, Claim, Statement
from tests.factories import make_actor, make_claim, make_statement
from tests.pages.reading import between, link_query, listed_ids, main_html, visible_text

PATEL_QUOTE = (
    "He also reminded that Russian forces used Iranian drones to strike Kyiv to terrorize "
    "the Ukrainian population."
)
CELL = re.compile(
    r'<td class="cell-(?P<cls>\w+)"><a href="(?P<href>/statements/\?[^"]*)"[^>]*>'
    r"(?P<inner>.*?)</a></td>",
    re.DOTALL,
)


def matrix_cells(response) -> dict[tuple[str, str], dict]:
    """{(actor slug, claim slug): cell} for every filled cell of the matrix."""
    table = between(main_html(response), '<table class="matrix">', "</table>")
    cells = {}
    for match in CELL.finditer(table):
        query = link_query(match["href"])
        key = (query["actor"][0], query["claim"][0])
        cells[key] = {
            "class": match["cls"],
            "href": html.unescape(match["href"]),
            "query": query,
            "words": visible_text(match["inner"]).split(),
        }
    return cells


def latest_stance_by_party() -> dict[tuple[str, str], Statement]:
    """Each party's latest statement on each claim, worked out in Python."""
    actors = Actor.objects.in_bulk()
    latest = {}
    for statement in Statement.objects.select_related("actor", "claim").order_by("made_on", "id"):
        party = actors[standing.party_id(statement)]
        latest[(party.slug, statement.claim.slug)] = statement
    return latest


def test_the_matrix_names_each_actors_latest_stance_on_each_claim_in_words(client, seed):
    response = client.get("/")

    cells = matrix_cells(response)
    expected = latest_stance_by_party()
    # The seed has 11 parties and 7 claims: the whole matrix fits on the page.
    assert len(expected) >= 15
    assert set(cells) == set(expected)
    for key, cell in cells.items():
        stance = expected[key].stance
        # The word itself, not only the colour of the cell class.
        assert stance in cell["words"], (key, cell["words"])
        assert cell["class"] == stance
        assert expected[key].made_on_display in " ".join(cell["words"])


def test_each_matrix_cell_opens_that_actors_statements_on_that_claim(client, seed):
    cells = matrix_cells(client.get("/"))

    iran_drones = cells[("iran", "iran-supplied-drones-to-russia")]
    assert iran_drones["href"] == "/statements/?actor=iran&claim=iran-supplied-drones-to-russia"
    for (actor, claim), cell in cells.items():
        assert cell["query"] == {"actor": [actor], "claim": [claim]}
    # Following one cell of each row: the list opens on the statement the cell shows.
    one_per_row = {actor: (claim, cell) for (actor, claim), cell in cells.items()}
    assert len(one_per_row) == 11  # every party of the seed
    for claim, cell in one_per_row.values():
        listed = listed_ids(client.get(cell["href"]))
        assert listed, cell["href"]
        newest = Statement.objects.get(pk=listed[0])
        assert newest.stance == cell["class"]
        assert newest.stance in cell["words"]
        assert newest.claim.slug == claim


def test_the_matrix_shows_the_latest_stance_by_date_not_by_entry_order(client, db):
    state = make_actor(name="Freedonia", slug="freedonia")
    claim = make_claim(slug="freedonia-sent-drones", text="Freedonia sent drones")
    # Entered first, made later: the confirmation is the latest position.
    make_statement(
        actor=state,
        claim=claim,
        stance="confirmed",
        made_on=datetime.date(2022, 11, 1),
        made_on_precision="month",
        date_wording="",
    )
    make_statement(
        actor=state,
        claim=claim,
        stance="denied",
        made_on=datetime.date(2022, 7, 1),
        made_on_precision="month",
        date_wording="",
    )

    cell = matrix_cells(client.get("/"))[("freedonia", "freedonia-sent-drones")]

    assert "confirmed" in cell["words"]
    assert "denied" not in cell["words"]
    assert "November 2022" in " ".join(cell["words"])


def test_a_spokesperson_statement_counts_as_the_latest_stance_of_the_state(client, db):
    state = make_actor(name="Freedonia", slug="freedonia")
    spokesman = make_actor(name="Rufus Firefly", slug="rufus-firefly", kind="person")
    spokesman.speaks_for = state
    spokesman.save()
    claim = make_claim(slug="freedonia-sent-drones", text="Freedonia sent drones")
    make_statement(actor=state, claim=claim, stance="denied", made_on=datetime.date(2022, 7, 4))
    make_statement(
        actor=spokesman, claim=claim, stance="confirmed", made_on=datetime.date(2022, 9, 5)
    )

    cells = matrix_cells(client.get("/"))

    assert "confirmed" in cells[("freedonia", "freedonia-sent-drones")]["words"]
    assert ("rufus-firefly", "freedonia-sent-drones") not in cells


def test_home_lists_the_most_recent_statements_newest_first(client, seed):
    response = client.get("/")

    recent = between(main_html(response), 'id="recent-title"', 'id="claims-title"')
    newest = list(Statement.objects.order_by("-made_on", "-id").values_list("id", flat=True)[:8])
    assert listed_ids(recent) == newest
    assert "25 July 2023" in visible_text(recent)
    # Each with who said it and their words: Vedant Patel's, the newest, for one.
    assert "Vedant Patel" in visible_text(recent)
    assert PATEL_QUOTE in visible_text(recent)


def test_home_lists_the_most_active_claims_with_their_standing(client, seed):
    response = client.get("/")

    section = between(main_html(response), 'id="claims-title"', "</ol>")
    shown = re.findall(
        r'<li><a href="/claims/([\w-]+)/">.*?</a>\s*'
        r'<span class="standing standing-(\w+)">([^<]*)</span>',
        section,
        re.DOTALL,
    )
    counts = Counter(Statement.objects.values_list("claim__slug", flat=True))
    texts = dict(Claim.objects.values_list("slug", "text"))
    busiest = sorted(counts, key=lambda slug: (-counts[slug], texts[slug]))[:6]
    expected = []
    for slug in busiest:
        derived = standing.standing_of(
            Statement.objects.filter(claim__slug=slug).values_list("stance", flat=True)
        )
        expected.append((slug, str(derived), derived.label))
    assert shown == expected
    assert ("iran-supplied-drones-to-russia", "disputed", "disputed: asserted and denied") in shown
    assert f"{counts['iran-supplied-drones-to-russia']} statements" in visible_text(section)
