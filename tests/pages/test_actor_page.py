"""An actor's history: grouped by claim, in date order, position changes flagged,
filterable; and the actor list, which finds an actor by any spelling."""

from __future__ import annotations

import datetime
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from claims import histories, standing
from claims.histories import POSITION_CHANGES_SHOWN
from claims.models import Actor, Claim, Statement
from tests.factories import make_actor, make_claim, make_histories, make_statement
from tests.pages.reading import between, listed_ids, main_html, visible_text

GROUP = re.compile(
    r'<section class="claim-history">\s*<h2><a href="/claims/([\w-]+)/">(.*?)'
    r"(?=<section class=\"claim-history\">|<nav|$)",
    re.DOTALL,
)
KANAANI_QUOTE = (
    "This Monday, shortly after Russian attacks on civilian targets in Ukraine, Iran again "
    "denied that it supplies drones or other weapons or military equipment to Russia."
)
CHANGED = re.compile(r'<article class="statement is-change">(.*?)</article>', re.DOTALL)


def groups(response) -> list[tuple[str, list[int]]]:
    return [(slug, listed_ids(part)) for slug, part in GROUP.findall(main_html(response))]


def flagged_ids(response) -> set[int]:
    return {pk for part in CHANGED.findall(main_html(response)) for pk in listed_ids(part)}


def expected_groups(statements) -> list[tuple[str, list[int]]]:
    ordered = sorted(statements, key=lambda s: (s.claim.text, s.claim_id, s.made_on, s.pk))
    result: list[tuple[str, list[int]]] = []
    for statement in ordered:
        if not result or result[-1][0] != statement.claim.slug:
            result.append((statement.claim.slug, []))
        result[-1][1].append(statement.pk)
    return result


def test_an_actors_page_groups_its_statements_by_claim_in_date_order(client, seed):
    iran = Actor.objects.get(slug="iran")
    statements = Statement.objects.by_actor(iran).select_related("claim")

    response = client.get("/actors/iran/")

    shown = groups(response)
    assert shown == expected_groups(statements)
    assert len(shown) >= 2
    drones = dict(shown)["iran-supplied-drones-to-russia"]
    dates = [Statement.objects.get(pk=pk).made_on for pk in drones]
    assert dates == sorted(dates) and len(set(dates)) > 1


def test_a_states_page_includes_what_its_spokesman_said_for_it(client, seed):
    kanaani = Statement.objects.filter(speaker__slug="nasser-kanaani")
    assert kanaani.count() == 2

    response = client.get("/actors/iran/")

    listed = listed_ids(response)
    assert set(kanaani.values_list("id", flat=True)) <= set(listed)
    assertContains(response, '<a href="/actors/nasser-kanaani/">Nasser Kanaani</a>')
    assertContains(response, KANAANI_QUOTE)
    # Iran's own statement, with no speaker, too.
    assert Statement.objects.get(actor__slug="iran", speaker=None).pk in listed


def test_a_persons_page_shows_what_they_said_as_speaker(client, seed):
    response = client.get("/actors/nasser-kanaani/")

    expected = Statement.objects.filter(speaker__slug="nasser-kanaani").select_related("claim")
    assert groups(response) == expected_groups(expected)
    assertContains(response, 'speaks for <a href="/actors/iran/">Iran</a>')
    assertContains(response, "Also spelled: Kanaani, Kannani, Nasser Kanani")


@pytest.fixture
def turnaround(db):
    """A state that denied a claim in July 2022 and confirmed it in November 2022."""
    state = make_actor(name="Freedonia", slug="freedonia")
    claim = make_claim(slug="freedonia-sent-drones", text="Freedonia sent drones abroad")
    month = {"made_on_precision": "month", "date_wording": ""}
    denied = make_statement(
        actor=state, claim=claim, stance="denied", made_on=datetime.date(2022, 7, 1), **month
    )
    confirmed = make_statement(
        actor=state, claim=claim, stance="confirmed", made_on=datetime.date(2022, 11, 1), **month
    )
    return denied, confirmed


def test_a_position_change_is_flagged_with_the_stance_it_changed_from(client, turnaround):
    denied, confirmed = turnaround

    response = client.get("/actors/freedonia/")

    assertContains(response, '<h2 id="changes-title">Position changes</h2>')
    changes = visible_text(between(main_html(response), 'id="changes-title"', "</section>"))
    assert "Freedonia sent drones abroad: denied in July 2022, confirmed in November 2022" in (
        changes
    )
    # The change links to the statement that made it, named at its date's precision.
    assertContains(
        response, f'<a href="/statements/{confirmed.pk}/">confirmed in November 2022</a>'
    )
    assert "2022-11-01</time>" not in response.content.decode()
    assert flagged_ids(response) == {confirmed.pk}
    flagged = visible_text(CHANGED.search(main_html(response)).group(1))
    assert "confirmed" in flagged.split()
    assert "position change: was denied in July 2022" in flagged


def test_a_history_without_changes_says_so(client, db):
    state = make_actor(name="Freedonia", slug="freedonia")
    make_statement(actor=state, stance="denied")

    response = client.get("/actors/freedonia/")

    assertContains(response, "No position changes")
    assert flagged_ids(response) == set()


def test_dates_show_at_their_precision(client, db):
    state = make_actor(name="Freedonia", slug="freedonia")
    make_statement(
        actor=state, made_on=datetime.date(2022, 10, 1), made_on_precision="month", date_wording=""
    )
    make_statement(
        actor=state, made_on=datetime.date(2021, 1, 1), made_on_precision="year", date_wording=""
    )
    make_statement(actor=state, made_on=datetime.date(2022, 10, 17))

    shown = visible_text(client.get("/actors/freedonia/"))

    assert "October 2022" in shown
    assert "17 October 2022" in shown
    assert "2021" in shown
    assert "1 October 2022" not in shown
    assert "January 2021" not in shown
    assert "2022-10-01" not in shown
    assert "2021-01-01" not in shown


def test_each_actors_page_flags_the_changes_the_python_rule_finds(client, db):
    parties = make_histories(seed=7)

    checked = 0
    for party in parties:
        own = [
            s for s in Statement.objects.select_related("actor") if standing.party_id(s) == party.pk
        ]
        expected = standing.changed_statement_ids(own)
        response = client.get(f"/actors/{party.slug}/")
        assert flagged_ids(response) == expected, party.slug
        # The section lists the latest changes, newest first, and says how many in all.
        newest_first = sorted(expected, key=lambda pk: (made_on(pk), pk), reverse=True)
        assert listed_ids_of_changes(response) == newest_first[:POSITION_CHANGES_SHOWN]
        if len(expected) > POSITION_CHANGES_SHOWN:
            assert f"The latest {POSITION_CHANGES_SHOWN} of {len(expected)} changes" in (
                visible_text(response)
            )
        checked += len(expected)
    assert checked > 10


def test_a_busy_actors_page_lists_its_latest_position_changes_and_counts_them(
    client, db, monkeypatch
):
    monkeypatch.setattr(histories, "POSITION_CHANGES_SHOWN", 3)
    state = make_actor(name="Flipland", slug="flipland")
    claim = make_claim(text="Flipland flips")
    stances = ["asserted", "denied"] * 4  # seven changes after the first statement
    made = [
        make_statement(
            actor=state,
            claim=claim,
            stance=stance,
            made_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
        )
        for n, stance in enumerate(stances)
    ]

    response = client.get("/actors/flipland/")

    assert listed_ids_of_changes(response) == [s.pk for s in reversed(made)][:3]
    assert "The latest 3 of 7 changes" in visible_text(response)


def listed_ids_of_changes(response) -> list[int]:
    content = main_html(response)
    if 'id="changes-title"' not in content:
        return []
    section = between(content, 'id="changes-title"', "</section>")
    return [int(pk) for pk in re.findall(r'<a href="/statements/(\d+)/">', section)]


def made_on(pk: int) -> datetime.date:
    return Statement.objects.get(pk=pk).made_on


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "claim=iran-supplied-drones-to-russia",
            lambda s: s.claim.slug == "iran-supplied-drones-to-russia",
        ),
        ("stance=confirmed", lambda s: s.stance == "confirmed"),
        (
            "date_from=2022-10-01&date_to=2022-10-31",
            lambda s: datetime.date(2022, 10, 1) <= s.made_on <= datetime.date(2022, 10, 31),
        ),
        (
            "claim=iran-supplied-drones-to-russia&stance=denied&date_from=2022-09-01",
            lambda s: (
                s.claim.slug == "iran-supplied-drones-to-russia"
                and s.stance == "denied"
                and s.made_on >= datetime.date(2022, 9, 1)
            ),
        ),
    ],
)
def test_filters_narrow_an_actors_history(client, seed, query, expected):
    russia = Actor.objects.get(slug="russia")
    drones = Claim.objects.get(slug="iran-supplied-drones-to-russia")
    make_statement(
        actor=russia, claim=drones, stance="confirmed", made_on=datetime.date(2023, 3, 1)
    )
    everything = list(Statement.objects.by_actor(russia).select_related("claim"))
    wanted = [s for s in everything if expected(s)]
    assert 0 < len(wanted) < len(everything)

    response = client.get(f"/actors/russia/?{query}")

    assert groups(response) == expected_groups(wanted)
    # The export links give the same history.
    assertContains(
        response, f"/api/v1/statements/export.csv?actor=russia&amp;{query.replace('&', '&amp;')}"
    )


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("stance=maybe", "stance"),
        ("date_from=yesterday", "date_from"),
        ("claim=no-such-claim", "claim"),
        ("actor=russia", "actor"),
        ("q=drones", "q"),
    ],
)
def test_a_bad_filter_on_an_actors_page_is_a_400_naming_it(client, seed, query, name):
    response = client.get(f"/actors/iran/?{query}")

    assert response.status_code == 400
    assertContains(response, f"<strong>{name}</strong>: ", status_code=400)
    assert listed_ids(response) == []


def test_the_actor_list_finds_an_actor_by_an_alias(client, seed):
    response = client.get("/actors/?q=Kiev")

    assertContains(response, '<a href="/actors/ukraine/">Ukraine</a>')
    assertNotContains(response, '<a href="/actors/russia/">')
    everyone = client.get("/actors/")
    for slug in ("ukraine", "russia", "nasser-kanaani"):
        assertContains(everyone, f'<a href="/actors/{slug}/">')


def test_the_actor_list_says_when_nothing_matches(client, seed):
    response = client.get("/actors/?q=Atlantis")

    assertContains(response, "No actor matches “Atlantis”.")
    assert client.get("/actors/?q=a%00").status_code == 400  # named, never a 500


def test_a_long_history_pages_in_claim_order_without_gaps_or_repeats(client, db):
    # Pages are cut from the actor's counts per claim (histories.ActorHistoryByClaim):
    # claims made in another order than their text, and pages that end inside a claim.
    state = make_actor(name="Pagedonia", slug="pagedonia")
    envoy = make_actor(name="Pagedonian envoy", kind="person", speaks_for=state)
    other = make_actor(name="Otherland")
    for text, mine in (("Zeta is true", 90), ("Alpha is true", 60), ("Mid is true", 70)):
        claim = make_claim(text=text)
        Statement.objects.bulk_create(
            Statement(
                actor=envoy if n % 7 == 0 else state,
                claim=claim,
                stance="asserted",
                made_on=datetime.date(2020, 1 + n % 12, 1 + n % 28),
            )
            for n in range(mine)
        )
        make_statement(actor=other, claim=claim)  # not the actor's

    expected = list(histories.actor_history(state).values_list("id", flat=True))
    pages = [client.get(f"/actors/pagedonia/?page={n}") for n in (1, 2, 3)]

    assert len(expected) == 220
    assert [pk for page in pages for pk in listed_ids(page)] == expected
    assert "Page 1 of 3" in visible_text(pages[0])
