"""Which claim a proposal is about: the closest existing claim, a neutral new claim when
none is close, two proposals for a sentence that states two propositions; and the
statement it would join."""

from __future__ import annotations

import datetime

from assistant.proposals.claims import ClaimIndex, neutral_text
from claims.models import Actor, Claim
from tests.factories import make_statement


def test_the_closest_existing_claim_is_proposed_whatever_the_words(only):
    proposal = only("Tehran denied on Monday that it had sent UAVs to Moscow.")
    assert proposal.claim.as_json() == {
        "slug": "iran-supplied-drones",
        "text": "Iran supplied attack drones to Russia",
    }


def test_the_verb_tells_two_claims_on_the_same_parties_apart(only):
    sought = only("Blinken said Russia had requested hundreds of drones from Iran.")
    supplied = only("Blinken said Iran had delivered hundreds of drones to Russia.")
    assert (sought.claim.slug, supplied.claim.slug) == (
        "russia-sought-drones",
        "iran-supplied-drones",
    )


def test_a_new_claim_in_neutral_words_when_none_is_close(only):
    proposal = only("Zakharova said the grain corridor had not been extended.")
    assert proposal.claim.slug is None
    assert proposal.claim.text == "The grain corridor had been extended"


def test_neutral_text_drops_hedges_negations_and_the_reporting_words():
    assert neutral_text("that Iran allegedly did not send drones.") == "Iran did send drones"
    assert neutral_text("  “They won’t deliver the jets” ") == "They will deliver the jets"
    assert neutral_text("we didn't buy any") == "We did buy any"


def test_a_sentence_with_two_propositions_gives_two_proposals(proposals_for):
    found = proposals_for(
        "The Washington Post reported that Tehran had agreed to send ballistic missiles "
        "to Russia, not just attack drones."
    )
    assert sorted(p.claim.slug for p in found) == ["iran-supplied-drones", "iran-supplied-missiles"]
    assert len({(p.start, p.end, p.actor.slug) for p in found}) == 1


def test_a_sentence_with_one_proposition_gives_one(proposals_for):
    found = proposals_for("The Washington Post reported that Tehran had sent drones to Russia.")
    assert [p.claim.slug for p in found] == ["iran-supplied-drones"]


def test_five_thousand_claims_rank_in_one_pass():
    rows = [
        (f"claim-{n}", f"Country {n} exported grain number {n} to port {n}") for n in range(5000)
    ]
    rows.append(("iran-supplied-drones", "Iran supplied attack drones to Russia"))
    ranked = ClaimIndex(rows).ranked("Iran sent attack drones to Russia")
    assert ranked[0].claim.slug == "iran-supplied-drones"


def test_a_proposal_joins_the_statement_the_form_would_join(proposals_for):
    statement = make_statement(
        actor=Actor.objects.get(slug="iran"),
        claim=Claim.objects.get(slug="iran-supplied-drones"),
        stance="denied",
        made_on=datetime.date(2022, 10, 17),
    )
    found = proposals_for("On Monday Tehran denied sending drones to Russia.")
    assert [p.joins_statement for p in found] == [statement.pk]
    # Another stance is another statement: nothing to join.
    assert [
        p.joins_statement
        for p in proposals_for("On Monday Tehran admitted sending drones to Russia.")
    ] == [None]


def test_two_propositions_joined_by_nor_give_two_proposals(proposals_for):
    found = proposals_for(
        "The Kremlin said on Monday that Iran had not supplied ballistic missiles to Russia, "
        "nor had Russia sought to buy drones from Iran."
    )
    assert {p.claim.slug for p in found} == {"iran-supplied-missiles", "russia-sought-drones"}
    assert {p.stance for p in found} == {"denied"}


def test_a_deal_is_what_negotiations_reach(newsroom):
    from assistant.proposals.claims import words_of

    assert words_of("to strike a deal", {}) & words_of("were negotiating", {}) == {"negotiate"}


def test_a_second_proposition_less_close_than_the_first_still_gives_its_own_proposal(
    proposals_for,
):
    found = proposals_for(
        "Peskov said Iran had not supplied attack drones to Russia for the war and had not "
        "supplied missiles."
    )
    assert [(p.claim.slug, p.stance) for p in found] == [
        ("iran-supplied-drones", "denied"),
        ("iran-supplied-missiles", "denied"),
    ]


def test_the_same_statement_quoted_twice_joins_once_and_asks_once(
    proposals_for, django_assert_num_queries
):
    from assistant.proposals.joining import Candidate, joined_statements

    statement = make_statement(
        actor=Actor.objects.get(slug="iran"),
        claim=Claim.objects.get(slug="iran-supplied-drones"),
        stance="denied",
        made_on=datetime.date(2022, 10, 17),
    )
    same = Candidate("iran", "iran-supplied-drones", "denied", datetime.date(2022, 10, 17))
    other = Candidate("iran", "iran-supplied-drones", "confirmed", datetime.date(2022, 10, 17))
    # The actors, the claims, and one UNION of two terms, whatever the repeats.
    with django_assert_num_queries(3) as context:
        found = joined_statements([same, None, same, other, same])
    assert found == [statement.pk, None, statement.pk, None, statement.pk]
    assert context.captured_queries[-1]["sql"].upper().count("UNION") == 1
