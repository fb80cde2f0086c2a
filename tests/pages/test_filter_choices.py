"""Filters offer their choices: the actor page's claim filter lists the claims the
actor spoke on, with how many statements each, and its stances their counts; past
claims.filter_choices.CHOICES_LISTED claims the filter is a box for a slug again."""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter

import pytest

from claims import filter_choices
from claims.models import Actor, Statement
from tests.factories import make_actor, make_claim, make_statement
from tests.pages.reading import listed_ids, main_html

OPTION = re.compile(r'<option value="([^"]*)"( selected)?>(.*?) \((\d+)\)</option>')
STANCE = re.compile(r'name="stance" value="(\w+)" (?:checked)?> \w+ <span class="count">\((\d+)\)')


def claim_options(response) -> dict[str, tuple[str, int, bool]]:
    select = main_html(response).split('<select id="id_claim"', 1)[1].split("</select>", 1)[0]
    return {
        value: (html.unescape(label), int(n), bool(selected))
        for value, selected, label, n in OPTION.findall(select)
    }


def test_the_actor_page_offers_the_claims_it_spoke_on_with_their_counts(client, seed):
    russia = Actor.objects.get(slug="russia")
    statements = Statement.objects.by_actor(russia).select_related("claim")
    expected = Counter((s.claim.slug, s.claim.text) for s in statements)

    options = claim_options(client.get("/actors/russia/"))

    assert options == {slug: (text, n, False) for (slug, text), n in expected.items()}
    assert len(options) >= 2
    labels = [label for label, _, _ in options.values()]
    assert labels == sorted(labels, key=str.casefold)  # found by name in the picker


def test_the_actor_pages_claim_choices_follow_every_write_at_once(client, seed):
    from django.db import connection

    russia = Actor.objects.get(slug="russia")
    new_claim = make_claim(slug="a-new-claim", text="A new claim")
    before = claim_options(client.get("/actors/russia/"))  # cached now
    statement = Statement.objects.by_actor(russia).order_by("id").first()
    with connection.cursor() as cursor:  # no signal, no version: the tallies and token
        cursor.execute(
            "UPDATE claims_statement SET claim_id = %s WHERE id = %s", [new_claim.pk, statement.pk]
        )
    after = claim_options(client.get("/actors/russia/"))
    old_slug = statement.claim.slug
    assert after["a-new-claim"] == ("A new claim", 1, False)
    assert after.get(old_slug, (None, 0))[1] == before[old_slug][1] - 1


def test_the_stances_show_how_many_statements_each_has(client, seed):
    russia = Actor.objects.get(slug="russia")
    expected = Counter(Statement.objects.by_actor(russia).values_list("stance", flat=True))

    shown = dict(STANCE.findall(main_html(client.get("/actors/russia/"))))

    assert {stance: int(n) for stance, n in shown.items() if int(n)} == dict(expected)
    assert set(shown) == {"asserted", "denied", "confirmed", "noncommittal"}


def test_choosing_a_claim_lists_only_its_statements_and_keeps_it_chosen(client, seed):
    russia = Actor.objects.get(slug="russia")
    slug = "russia-sought-drones-from-iran"
    response = client.get(f"/actors/russia/?claim={slug}")

    expected = Statement.objects.by_actor(russia).filter(claim__slug=slug)
    assert sorted(listed_ids(response)) == sorted(s.pk for s in expected)
    assert claim_options(response)[slug][2] is True  # selected
    assert sum(1 for _, _, chosen in claim_options(response).values() if chosen) == 1


def test_every_claim_is_the_empty_choice(client, seed):
    everything = client.get("/actors/russia/")
    again = client.get("/actors/russia/?claim=")

    assert again.status_code == 200
    assert listed_ids(again) == listed_ids(everything)
    assert '<option value="">Every claim</option>' in main_html(everything)


def test_past_the_limit_the_claim_filter_is_a_slug_box(client, db, monkeypatch):
    actor = make_actor()
    for _ in range(3):
        make_statement(actor=actor, claim=make_claim())
    monkeypatch.setattr(filter_choices, "CHOICES_LISTED", 2)

    html = main_html(client.get(actor.get_absolute_url()))

    assert '<select id="id_claim"' not in html
    assert '<label for="id_claim">Claim (slug)</label>' in html


def test_a_claim_it_never_spoke_on_shows_in_the_box_as_typed(client, db):
    actor = make_actor()
    make_statement(actor=actor)
    elsewhere = make_claim()

    html = main_html(client.get(f"{actor.get_absolute_url()}?claim={elsewhere.slug}"))

    assert f'<input id="id_claim" name="claim" value="{elsewhere.slug}">' in html
    assert "No statements recorded" in html


def test_the_choices_cost_the_same_queries_for_few_claims_and_many(
    client, db, django_assert_max_num_queries
):
    actor = make_actor()

    def add(claims: int) -> None:
        for n in range(claims):
            make_statement(
                actor=actor,
                claim=make_claim(),
                made_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=n),
            )

    add(2)
    with django_assert_max_num_queries(40) as few:
        assert len(claim_options(client.get(actor.get_absolute_url()))) == 2
    add(filter_choices.CHOICES_LISTED - 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        options = claim_options(client.get(actor.get_absolute_url()))
    assert len(options) == filter_choices.CHOICES_LISTED
    assert all(n == 1 for _, n, _ in options.values())


MORE = re.compile(
    r'<form method="get" action="/statements/" class="more-choices">(.*?)</form>', re.S
)


def more_choices(response) -> dict[str, dict[str, tuple[str, int]]]:
    """The statement list's "every value" selects: by filter, value -> (label, count)."""
    found = {}
    for form in MORE.findall(main_html(response)):
        name = re.search(r'<select id="more-\w+" name="(\w+)"', form).group(1)
        found[name] = {
            value: (html.unescape(label), int(n)) for value, _, label, n in OPTION.findall(form)
        }
    return found


@pytest.fixture
def many_actors(db):
    """15 actors on one claim, actor n with n statements: more than the 12 links."""
    claim = make_claim()
    actors = [make_actor(name=f"State {n:02}") for n in range(1, 16)]
    for n, actor in enumerate(actors, start=1):
        for day in range(n):
            make_statement(actor=actor, claim=claim, made_on=datetime.date(2021, 1, 1 + day))
    return actors


def test_a_facet_with_more_values_than_links_offers_every_value_with_its_count(client, many_actors):
    response = client.get("/statements/")

    offered = more_choices(response)["actor"]
    assert offered == {a.slug: (a.name, n) for n, a in enumerate(many_actors, start=1)}
    assert list(offered) == [a.slug for a in many_actors]  # by name
    assert "claim" not in more_choices(response)  # one claim: its link says it all


def test_adding_a_value_from_the_select_keeps_the_other_filters(client, many_actors):
    quietest = many_actors[0]  # one statement: not among the 12 links
    assert quietest.name not in "".join(
        part for part in main_html(client.get("/statements/")).split('class="more-choices"')[:1]
    )

    # What the form sends: its hidden inputs (the filters in use) and the chosen value.
    response = client.get(f"/statements/?stance=denied&actor={quietest.slug}")

    shown = Statement.objects.by_actor(quietest).filter(stance="denied")
    assert listed_ids(response) == [s.pk for s in shown]
    form = MORE.findall(main_html(client.get("/statements/?stance=denied")))[0]
    assert '<input type="hidden" name="stance" value="denied">' in form


def test_under_a_search_the_facets_offer_only_their_links(client, many_actors):
    assert more_choices(client.get("/statements/?q=drones")) == {}
